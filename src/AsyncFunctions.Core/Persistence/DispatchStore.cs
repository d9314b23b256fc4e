using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Persistence;

/// <summary>Typed reads and writes of orders, drivers and directory entries over the table port.</summary>
public sealed class DispatchStore(ITableStore tables, IOptions<TableNames> names)
{
    private readonly TableNames _names = names.Value;

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
            new PropertyCondition("Status", ComparisonOperator.Equal, status.ToString()));
        var orders = new List<OrderRecord>();
        await foreach (var row in tables.QueryAsync(_names.DispatchTable, query, cancellationToken))
            orders.Add(OrderRecord.FromRow(row));
        return orders;
    }

    /// <summary>Orders in a status across all zones whose time property is before a cut-off (sweeper; a scan, run on a timer only).</summary>
    public async Task<List<OrderRecord>> ListOrdersDueBeforeAsync(OrderStatus status, string timeProperty, DateTimeOffset before, int take, CancellationToken cancellationToken)
    {
        var query = new TableQuery
        {
            Conditions =
            [
                new PropertyCondition("Status", ComparisonOperator.Equal, status.ToString()),
                new PropertyCondition(timeProperty, ComparisonOperator.LessThan, before),
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

    public async Task<DirectoryEntry?> GetDirectoryAsync(string id, string kind, CancellationToken cancellationToken)
    {
        var row = await tables.GetAsync(_names.DirectoryTable, id, kind, cancellationToken);
        return row is null ? null : DirectoryEntry.FromRow(row);
    }

    public Task<string> AddDirectoryAsync(DirectoryEntry entry, CancellationToken cancellationToken) =>
        tables.AddAsync(_names.DirectoryTable, entry.ToRow(), cancellationToken);

    public Task<string> UpsertDirectoryAsync(DirectoryEntry entry, CancellationToken cancellationToken) =>
        tables.UpsertAsync(_names.DirectoryTable, entry.ToRow(), cancellationToken);

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
