using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// Whether the <see cref="PendingIndex"/> agrees with the orders it indexes: every order names exactly the
/// rows its state needs, each of those rows exists, and no index row is left without its order. The fault
/// and chaos audits run it over the whole table at the end of a run.
/// </summary>
public static class PendingIndexCheck
{
    /// <summary>One line per disagreement among <paramref name="rows"/> (rows of the dispatch table); empty when they agree.</summary>
    public static List<string> Disagreements(IEnumerable<TableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var indexRows = new HashSet<(string Zone, string RowKey)>();
        var expected = new HashSet<(string Zone, string RowKey)>();
        var problems = new List<string>();
        foreach (var row in rows)
        {
            if (IsIndexRow(row.RowKey))
            {
                indexRows.Add((row.PartitionKey, row.RowKey));
                continue;
            }

            if (!row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
                continue;
            var order = OrderRecord.FromRow(row);
            Expect(order, order.ScheduleIndexKey, PendingIndex.ScheduleKey(order), expected, problems);
            Expect(order, order.AwaitIndexKey, PendingIndex.AwaitKey(order), expected, problems);
        }

        problems.AddRange(expected.Except(indexRows).Select(k => $"{k.Zone}/{k.RowKey}: index row missing"));
        problems.AddRange(indexRows.Except(expected).Select(k => $"{k.Zone}/{k.RowKey}: index row without its order"));
        return problems;
    }

    /// <summary>Whether a dispatch-table RowKey is an index row rather than an order or a driver.</summary>
    public static bool IsIndexRow(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return rowKey.StartsWith(PendingIndex.DuePrefix, StringComparison.Ordinal)
            || rowKey.StartsWith(PendingIndex.LeasePrefix, StringComparison.Ordinal)
            || rowKey.StartsWith(PendingIndex.AwaitPrefix, StringComparison.Ordinal)
            || rowKey.StartsWith(PendingIndex.DonePrefix, StringComparison.Ordinal);
    }

    private static void Expect(OrderRecord order, string? recorded, string? needed, HashSet<(string, string)> expected, List<string> problems)
    {
        if (!string.Equals(recorded, needed, StringComparison.Ordinal))
            problems.Add($"{order.OrderId}: {order.Status} names index row '{recorded}' but its state needs '{needed}'");
        if (needed is not null)
            expected.Add((order.Zone, needed));
    }
}
