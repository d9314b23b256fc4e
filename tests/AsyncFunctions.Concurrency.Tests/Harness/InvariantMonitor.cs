using System.Collections.Concurrent;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// Sits right above the raw store and checks the invariants after every write that succeeded, so Coyote
/// stops at the first step that breaks one, not at the end: no order is assigned twice, an Assigned or
/// Delivered order never moves back, and in the written zone every driver holds exactly the orders
/// Assigned to it, never more than its capacity. Violations go to <see cref="Specification.Assert(bool, string, object[])"/>,
/// which the core cannot catch and turn into a retry.
/// </summary>
public sealed class InvariantMonitor(ITableStore inner) : ITableStore
{
    private readonly ConcurrentDictionary<string, OrderStatus> _lastStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _assignments = new(StringComparer.Ordinal);

    /// <summary>How many times each order was written into Assigned.</summary>
    public int AssignmentsOf(string orderId) => _assignments.GetValueOrDefault(orderId);

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public async Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        var etag = await inner.AddAsync(table, row, cancellationToken);
        await AfterWriteAsync(table, [row], cancellationToken);
        return etag;
    }

    public async Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        var etag = await inner.UpdateAsync(table, row, ifMatch, cancellationToken);
        await AfterWriteAsync(table, [row], cancellationToken);
        return etag;
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        var etag = await inner.UpsertAsync(table, row, cancellationToken);
        await AfterWriteAsync(table, [row], cancellationToken);
        return etag;
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
        await CheckZoneAsync(table, partitionKey, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        var etags = await inner.SubmitTransactionAsync(table, actions, cancellationToken);
        await AfterWriteAsync(table, [.. actions.Where(a => a.Kind != TableActionKind.Delete).Select(a => a.Row)], cancellationToken);
        return etags;
    }

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(table, query, cancellationToken);

    /// <summary>Checks one zone's partition: drivers hold exactly their Assigned orders, within capacity.</summary>
    public async Task CheckZoneAsync(string table, string zone, CancellationToken cancellationToken)
    {
        var drivers = new Dictionary<string, DriverRecord>(StringComparer.Ordinal);
        var assigned = new List<OrderRecord>();
        await foreach (var row in inner.QueryAsync(table, new TableQuery { PartitionKey = zone }, cancellationToken))
        {
            if (row.RowKey.StartsWith(EntityKeys.DriverPrefix, StringComparison.Ordinal))
            {
                var driver = DriverRecord.FromRow(row);
                drivers[driver.DriverId] = driver;
            }
            else if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal) && OrderRecord.FromRow(row) is { Status: OrderStatus.Assigned } order)
            {
                assigned.Add(order);
            }
        }

        foreach (var order in assigned)
            Specification.Assert(order.DriverId is not null && drivers.ContainsKey(order.DriverId),
                $"Invariant: order {order.OrderId} is Assigned to driver '{order.DriverId}', who is not in zone {zone}.");
        foreach (var driver in drivers.Values)
        {
            var holds = assigned.Count(o => o.DriverId == driver.DriverId);
            Specification.Assert(driver.ActiveOrders == holds,
                $"Invariant: driver {driver.DriverId} counts {driver.ActiveOrders} active orders but {holds} are Assigned to it.");
            Specification.Assert(driver.ActiveOrders <= driver.Capacity,
                $"Invariant: driver {driver.DriverId} holds {driver.ActiveOrders} orders, over its capacity {driver.Capacity}.");
        }
    }

    private async Task AfterWriteAsync(string table, IReadOnlyList<TableRow> rows, CancellationToken cancellationToken)
    {
        var zones = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
            {
                ObserveOrder(OrderRecord.FromRow(row));
                zones.Add(row.PartitionKey);
            }
            else if (row.RowKey.StartsWith(EntityKeys.DriverPrefix, StringComparison.Ordinal))
            {
                zones.Add(row.PartitionKey);
            }
        }

        foreach (var zone in zones)
            await CheckZoneAsync(table, zone, cancellationToken);
    }

    private void ObserveOrder(OrderRecord order)
    {
        var had = _lastStatus.TryGetValue(order.OrderId, out var previous);
        if (had && previous is OrderStatus.Assigned or OrderStatus.Delivered)
            Specification.Assert(order.Status == OrderStatus.Delivered || order.Status == previous,
                $"Invariant: order {order.OrderId} regressed from {previous} to {order.Status}.");
        if (order.Status == OrderStatus.Assigned && (!had || previous != OrderStatus.Assigned))
        {
            var times = _assignments.AddOrUpdate(order.OrderId, 1, (_, n) => n + 1);
            Specification.Assert(times == 1, $"Invariant: order {order.OrderId} was assigned {times} times (now to {order.DriverId}).");
        }

        _lastStatus[order.OrderId] = order.Status;
    }
}
