using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>One row of the <see cref="PendingIndex"/>: it names the order; the order itself stays the truth.</summary>
public sealed record PendingEntry(string Zone, string RowKey, string OrderId)
{
    public TableRow ToRow() => new(Zone, RowKey, new Dictionary<string, object?> { [OrderColumns.OrderId] = OrderId });

    public static PendingEntry FromRow(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.PartitionKey, row.RowKey, row.GetString(OrderColumns.OrderId)!);
    }
}
