using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// One-off for orders written before the pending index: one scan of the dispatch table (the only scan the engine
/// ever makes, run by hand: <c>migrate-index</c>), and for every order whose index rows are missing or not the ones
/// its state needs, one write of the order with If-Match on the ETag it was read with, its index rows in the same
/// transaction (<see cref="DispatchStore.UpdateOrderAsync"/>). Also lists every zone the sweeper must visit.
/// Idempotent: a second run finds nothing to write. An order that changed meanwhile (412) was written by the
/// engine, which writes its index rows itself; it is counted and left alone.
/// </summary>
public sealed class PendingIndexMigration(DispatchStore store, IOptions<TableNames> names)
{
    public async Task<PendingIndexMigrationReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new PendingIndexMigrationReport();
        var listed = new HashSet<string>(await store.ListZonesAsync(cancellationToken), StringComparer.Ordinal);
        string? zone = null;
        var indexRows = new HashSet<string>(StringComparer.Ordinal);
        var orders = new List<OrderRecord>();
        // Table Storage returns a partition's rows together, so one zone's orders are held at a time.
        await foreach (var row in store.Tables.QueryAsync(names.Value.DispatchTable, new TableQuery(), cancellationToken))
        {
            if (row.PartitionKey == EntityKeys.ZoneListPartition)
                continue;
            if (row.PartitionKey != zone)
            {
                await MigrateZoneAsync(zone, listed, indexRows, orders, report, cancellationToken);
                zone = row.PartitionKey;
                indexRows.Clear();
                orders.Clear();
            }

            if (PendingIndexCheck.IsIndexRow(row.RowKey))
                indexRows.Add(row.RowKey);
            else if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
                orders.Add(OrderRecord.FromRow(row));
        }

        await MigrateZoneAsync(zone, listed, indexRows, orders, report, cancellationToken);
        return report;
    }

    private async Task MigrateZoneAsync(string? zone, HashSet<string> listed, HashSet<string> indexRows, List<OrderRecord> orders, PendingIndexMigrationReport report, CancellationToken cancellationToken)
    {
        if (zone is null || orders.Count == 0)
            return;
        if (!listed.Contains(zone))
            await store.ListZoneAsync(zone, cancellationToken);
        report.Zones++;
        foreach (var order in orders)
        {
            report.Orders++;
            var schedule = PendingIndex.ScheduleKey(order);
            var awaiting = PendingIndex.AwaitKey(order);
            if (Holds(order.ScheduleIndexKey, schedule, indexRows) && Holds(order.AwaitIndexKey, awaiting, indexRows))
                continue;

            // Name only rows that really exist as the ones to move from: a delete of a missing row would fail the transaction.
            var asRead = order with
            {
                ScheduleIndexKey = Existing(order.ScheduleIndexKey, indexRows),
                AwaitIndexKey = Existing(order.AwaitIndexKey, indexRows),
            };
            try
            {
                await store.UpdateOrderAsync(asRead, cancellationToken);
                report.Written++;
            }
            catch (TableStorageException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
            {
                report.ChangedMeanwhile++;
            }
        }
    }

    private static bool Holds(string? recorded, string? needed, HashSet<string> indexRows) =>
        string.Equals(recorded, needed, StringComparison.Ordinal) && (needed is null || indexRows.Contains(needed));

    private static string? Existing(string? key, HashSet<string> indexRows) => key is not null && indexRows.Contains(key) ? key : null;
}
