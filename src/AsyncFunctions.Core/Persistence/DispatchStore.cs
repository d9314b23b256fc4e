using System.Collections.Concurrent;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// Typed reads and writes of orders, drivers, directory entries and dead letters over the table port.
/// Every write the engine makes goes through here, so the key layout and the property names live in one place.
/// An order write also stores the events its transition raised, in the same transaction (<see cref="OrderEventPlan"/>),
/// and hands them to the <see cref="OrderEventRelay"/> once committed; without a relay they wait for one in the outbox.
/// </summary>
public sealed class DispatchStore(ITableStore tables, IOptions<TableNames> names, OrderEventRelay? events = null)
{
    private readonly TableNames _names = names.Value;
    private readonly ConcurrentDictionary<string, bool> _listedZones = new(StringComparer.Ordinal);

    /// <summary>The raw port, for tests that change state behind the engine's back; the engine itself uses the typed methods.</summary>
    public ITableStore Tables => tables;

    public TableNames Names => _names;

    public async Task<OrderRecord?> GetOrderAsync(string zone, string orderId, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(_names.DispatchTable, zone, EntityKeys.OrderRow(orderId), cancellationToken);
        return row is null ? null : OrderRecord.FromRow(row);
    }

    /// <summary>Finds an order by id alone: directory point read, then order point read.</summary>
    public async Task<OrderRecord?> FindOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var entry = await GetDirectoryAsync(orderId, EntityKeys.DirectoryOrderRow, cancellationToken);
        return entry is null ? null : await GetOrderAsync(entry.Zone, orderId, cancellationToken);
    }

    /// <summary>
    /// Inserts a new order (409 if present) with its index rows in one transaction, after making sure its zone
    /// is on the zone list the sweeper reads (a zone listed without orders is harmless; the reverse cannot happen).
    /// </summary>
    public async Task<OrderRecord> AddOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await EnsureZoneListedAsync(order.Zone, cancellationToken);
        var raised = OrderEventPlan.For(order with { EventSequence = 0 });
        var plan = PendingIndexPlan.ForNew(raised.Order);
        var etags = await tables.SubmitTransactionAsync(_names.DispatchTable, [TableAction.Add(plan.Order.ToRow()), .. plan.Actions, .. raised.Actions], cancellationToken);
        await RelayAsync(order.Zone, raised, cancellationToken);
        return plan.Order with { ETag = etags[OrderActionIndex] };
    }

    /// <summary>Replaces the order if nobody changed it since it was read (412 otherwise), moving its index rows in the same transaction.</summary>
    public async Task<OrderRecord> UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var raised = OrderEventPlan.For(order);
        var plan = PendingIndexPlan.For(raised.Order);
        if (plan.Actions.Count == 0 && raised.Actions.Count == 0)
            return plan.Order with { ETag = await tables.UpdateAsync(_names.DispatchTable, plan.Order.ToRow(), order.ETag, cancellationToken) };
        var etags = await tables.SubmitTransactionAsync(_names.DispatchTable, [TableAction.Update(plan.Order.ToRow(), order.ETag), .. plan.Actions, .. raised.Actions], cancellationToken);
        await RelayAsync(order.Zone, raised, cancellationToken);
        return plan.Order with { ETag = etags[OrderActionIndex] };
    }

    public async Task<DriverRecord?> GetDriverAsync(string zone, string driverId, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(_names.DispatchTable, zone, EntityKeys.DriverRow(driverId), cancellationToken);
        return row is null ? null : DriverRecord.FromRow(row);
    }

    /// <summary>All drivers of a zone: one range query inside the zone's partition.</summary>
    public async Task<List<DriverRecord>> ListDriversAsync(string zone, CancellationToken cancellationToken)
    {
        var drivers = new List<DriverRecord>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, TableQuery.PartitionPrefix(zone, EntityKeys.DriverPrefix), cancellationToken))
            drivers.Add(DriverRecord.FromRow(row));
        return drivers;
    }

    /// <summary>
    /// Index rows of one kind in a zone, oldest first, up to (not including) <paramref name="before"/> when given:
    /// a RowKey range with no property filter, so it reads only the rows it returns.
    /// </summary>
    public async Task<List<PendingEntry>> ListPendingAsync(string zone, string prefix, DateTimeOffset? before, int take, CancellationToken cancellationToken)
    {
        var query = new TableQuery
        {
            PartitionKey = zone,
            RowKeyFrom = prefix,
            RowKeyTo = before is { } cutOff ? PendingIndex.Before(prefix, cutOff) : TableQuery.PrefixEnd(prefix),
            Take = take,
        };
        var entries = new List<PendingEntry>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, query, cancellationToken))
            entries.Add(PendingEntry.FromRow(row));
        return entries;
    }

    /// <summary>Every zone that ever took an order: one partition, one row per zone.</summary>
    public async Task<List<string>> ListZonesAsync(CancellationToken cancellationToken)
    {
        var zones = new List<string>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, new TableQuery { PartitionKey = EntityKeys.ZoneListPartition }, cancellationToken))
            zones.Add(row.RowKey);
        return zones;
    }

    private async Task EnsureZoneListedAsync(string zone, CancellationToken cancellationToken)
    {
        // Once per zone and process: after the first order the list already holds it.
        if (_listedZones.ContainsKey(zone))
            return;
        await ListZoneAsync(zone, cancellationToken);
        _listedZones.TryAdd(zone, true);
    }

    /// <summary>Puts the zone on the list the sweeper reads (an upsert, whatever this process listed before).</summary>
    public Task ListZoneAsync(string zone, CancellationToken cancellationToken) =>
        tables.UpsertAsync(_names.DispatchTable, new TableRow(EntityKeys.ZoneListPartition, zone, new Dictionary<string, object?>()), cancellationToken);

    public async Task<DriverRecord> AddDriverAsync(DriverRecord driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver with { ETag = await tables.AddAsync(_names.DispatchTable, driver.ToRow(), cancellationToken) };
    }

    /// <summary>Replaces the driver if nobody changed it since it was read (412 otherwise).</summary>
    public async Task<DriverRecord> UpdateDriverAsync(DriverRecord driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver with { ETag = await tables.UpdateAsync(_names.DispatchTable, driver.ToRow(), driver.ETag, cancellationToken) };
    }

    public Task DeleteDriverAsync(DriverRecord driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return tables.DeleteAsync(_names.DispatchTable, driver.Zone, EntityKeys.DriverRow(driver.DriverId), driver.ETag, cancellationToken);
    }

    public async Task<DirectoryEntry?> GetDirectoryAsync(string id, string kind, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(_names.DirectoryTable, id, kind, cancellationToken);
        return row is null ? null : DirectoryEntry.FromRow(row);
    }

    public Task<string> AddDirectoryAsync(DirectoryEntry entry, CancellationToken cancellationToken) =>
        tables.AddAsync(_names.DirectoryTable, entry.ToRow(), cancellationToken);

    public Task<string> UpsertDirectoryAsync(DirectoryEntry entry, CancellationToken cancellationToken) =>
        tables.UpsertAsync(_names.DirectoryTable, entry.ToRow(), cancellationToken);

    public async Task<DeadLetterRecord?> GetDeadLetterAsync(string id, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(_names.DeadLetterTable, EntityKeys.DeadLetterPartition, id, cancellationToken);
        return row is null ? null : DeadLetterRecord.FromRow(row);
    }

    /// <summary>Newest first: dead-letter ids count down (see <see cref="DeadLetterIds"/>).</summary>
    public async Task<List<DeadLetterRecord>> ListDeadLettersAsync(int take, CancellationToken cancellationToken)
    {
        var query = new TableQuery { PartitionKey = EntityKeys.DeadLetterPartition, Take = take };
        var list = new List<DeadLetterRecord>();
        await foreach (var row in tables.QueryAsync(_names.DeadLetterTable, query, cancellationToken))
            list.Add(DeadLetterRecord.FromRow(row));
        return list;
    }

    /// <summary>Insert-if-absent: 409 when this dead letter was recorded before.</summary>
    public async Task<DeadLetterRecord> AddDeadLetterAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { ETag = await tables.AddAsync(_names.DeadLetterTable, record.ToRow(), cancellationToken) };
    }

    public async Task<DeadLetterRecord> UpdateDeadLetterAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { ETag = await tables.UpdateAsync(_names.DeadLetterTable, record.ToRow(), record.ETag, cancellationToken) };
    }

    /// <summary>
    /// Writes an order and a driver in one entity-group transaction guarded by both ETags, with the order's index rows.
    /// On 412 the exception's FailedActionIndex says which one changed: 0 the order, 1 the driver.
    /// </summary>
    public async Task<(OrderRecord Order, DriverRecord Driver)> CommitOrderAndDriverAsync(OrderRecord order, DriverRecord driver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(driver);
        var raised = OrderEventPlan.For(order);
        var plan = PendingIndexPlan.For(raised.Order);
        var etags = await tables.SubmitTransactionAsync(_names.DispatchTable,
            [TableAction.Update(plan.Order.ToRow(), order.ETag), TableAction.Update(driver.ToRow(), driver.ETag), .. plan.Actions, .. raised.Actions], cancellationToken);
        await RelayAsync(order.Zone, raised, cancellationToken);
        return (plan.Order with { ETag = etags[OrderActionIndex] }, driver with { ETag = etags[DriverActionIndex] });
    }

    /// <summary>
    /// Deletes a Delivered order for good, by its done index row: first its directory entry (so a crash in between
    /// leaves the order and its row for the next run, never an entry without its order), then its event history, then
    /// the order and the row in one transaction (last, so a crash before it leaves the done row for the next run).
    /// The history must go too: a reused order id writes its first event row with an insert, which a stale history
    /// would fail with 409. Idempotent: what is already gone is skipped. Reads only the order's event rows.
    /// </summary>
    public async Task PurgeDeliveredAsync(PendingEntry done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        await DeleteIfPresentAsync(() => tables.DeleteAsync(_names.DirectoryTable, done.OrderId, EntityKeys.DirectoryOrderRow, "*", cancellationToken));
        var history = new List<TableAction>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, TableQuery.PartitionPrefix(done.Zone, EventKeys.StreamPrefix(done.OrderId)), cancellationToken))
            history.Add(TableAction.Delete(row, "*"));
        foreach (var chunk in history.Chunk(TableLimits.MaxTransactionActions))
        {
            try
            {
                await tables.SubmitTransactionAsync(_names.DispatchTable, chunk, cancellationToken);
            }
            catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound)
            {
                // Another purge of the same order got to some of them first: delete the rest one by one.
                foreach (var action in chunk)
                    await DeleteIfPresentAsync(() => tables.DeleteAsync(_names.DispatchTable, action.Row.PartitionKey, action.Row.RowKey, "*", cancellationToken));
            }
        }

        // Delivered is final, so no newer version can be lost by deleting without its ETag.
        await DeleteIfPresentAsync(() => tables.SubmitTransactionAsync(_names.DispatchTable,
            [TableAction.Delete(new TableRow(done.Zone, EntityKeys.OrderRow(done.OrderId), new Dictionary<string, object?>()), "*"), TableAction.Delete(done.ToRow(), "*")],
            cancellationToken));
    }

    private static async Task DeleteIfPresentAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound)
        {
            // A run that crashed after this delete already did it.
        }
    }

    /// <summary>An order's history, oldest first: one RowKey range in its zone's partition.</summary>
    public async Task<List<OrderEvent>> ListEventsAsync(string zone, string orderId, CancellationToken cancellationToken)
    {
        var history = new List<OrderEvent>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, TableQuery.PartitionPrefix(zone, EventKeys.StreamPrefix(orderId)), cancellationToken))
            history.Add(OrderEvent.FromRow(row));
        return history;
    }

    /// <summary>
    /// Stores a refusal (with its pending marker) in the refusals' partition and relays it. Insert-if-absent: a
    /// redelivered dead letter finds it stored (409) and leaves it to the relay that stored it, or to the sweep.
    /// </summary>
    public async Task AddRefusalAsync(OrderEvent refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        try
        {
            await tables.SubmitTransactionAsync(_names.DispatchTable,
                [TableAction.Add(refusal.ToRow(EventKeys.RefusalPartition)), TableAction.Add(refusal.ToMarker(EventKeys.RefusalPartition, refusal.Time))], cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.AlreadyExists)
        {
            return;
        }

        if (events is not null)
            await events.PublishCommittedAsync(EventKeys.RefusalPartition, [refusal], cancellationToken);
    }

    private Task RelayAsync(string zone, OrderEventPlan raised, CancellationToken cancellationToken) =>
        events is null || raised.Events.Count == 0 ? Task.CompletedTask : events.PublishCommittedAsync(zone, raised.Events, cancellationToken);

    public const int OrderActionIndex = 0;
    public const int DriverActionIndex = 1;
}
