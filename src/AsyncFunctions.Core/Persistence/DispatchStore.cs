using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// Typed reads and writes of orders, drivers, directory entries and dead letters over the table port.
/// Every write the engine makes goes through here, so the key layout and the property names live in one place.
/// </summary>
public sealed class DispatchStore(ITableStore tables, IOptions<TableNames> names)
{
    private readonly TableNames _names = names.Value;

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

    public async Task<OrderRecord> AddOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var etag = await tables.AddAsync(_names.DispatchTable, order.ToRow(), cancellationToken);
        return order with { ETag = etag };
    }

    /// <summary>Replaces the order if nobody changed it since it was read (412 otherwise).</summary>
    public async Task<OrderRecord> UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        var etag = await tables.UpdateAsync(_names.DispatchTable, order.ToRow(), order.ETag, cancellationToken);
        return order with { ETag = etag };
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

    /// <summary>Orders of a zone in one status (a filtered range query inside the partition).</summary>
    public async Task<List<OrderRecord>> ListOrdersAsync(string zone, OrderStatus status, CancellationToken cancellationToken)
    {
        var query = TableQuery.PartitionPrefix(zone, EntityKeys.OrderPrefix,
            new PropertyCondition(OrderColumns.Status, ComparisonOperator.Equal, status.ToString()));
        var orders = new List<OrderRecord>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, query, cancellationToken))
            orders.Add(OrderRecord.FromRow(row));
        return orders;
    }

    /// <summary>Orders in a status whose next message was due before a cut-off, across zones (the outbox relay; a scan, on a timer only).</summary>
    public Task<List<OrderRecord>> ListOrdersDueBeforeAsync(OrderStatus status, DateTimeOffset before, int take, CancellationToken cancellationToken) =>
        ListOrdersBeforeAsync(status, OrderColumns.NextAttemptAt, before, take, cancellationToken);

    /// <summary>InProgress orders whose claim expired before a cut-off, across zones (the outbox relay).</summary>
    public Task<List<OrderRecord>> ListExpiredClaimsAsync(DateTimeOffset before, int take, CancellationToken cancellationToken) =>
        ListOrdersBeforeAsync(OrderStatus.InProgress, OrderColumns.LeaseUntil, before, take, cancellationToken);

    private async Task<List<OrderRecord>> ListOrdersBeforeAsync(OrderStatus status, string timeColumn, DateTimeOffset before, int take, CancellationToken cancellationToken)
    {
        var query = new TableQuery
        {
            Conditions =
            [
                new PropertyCondition(OrderColumns.Status, ComparisonOperator.Equal, status.ToString()),
                new PropertyCondition(timeColumn, ComparisonOperator.LessThan, before),
            ],
            Take = take,
        };
        var orders = new List<OrderRecord>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, query, cancellationToken))
        {
            if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
                orders.Add(OrderRecord.FromRow(row));
        }

        return orders;
    }

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
    /// Writes an order and a driver in one entity-group transaction guarded by both ETags.
    /// On 412 the exception's FailedActionIndex says which one changed: 0 the order, 1 the driver.
    /// </summary>
    public async Task<(OrderRecord Order, DriverRecord Driver)> CommitOrderAndDriverAsync(OrderRecord order, DriverRecord driver, CancellationToken cancellationToken)
    {
        var etags = await tables.SubmitTransactionAsync(_names.DispatchTable,
            [TableAction.Update(order.ToRow(), order.ETag), TableAction.Update(driver.ToRow(), driver.ETag)], cancellationToken);
        return (order with { ETag = etags[0] }, driver with { ETag = etags[1] });
    }

    public const int OrderActionIndex = 0;
    public const int DriverActionIndex = 1;
}
