using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// Reads the final state straight from the store (no faults) and checks the invariants of
/// ARCHITECTURE.md for every accepted order and every driver.
/// </summary>
public sealed class InvariantAuditor(ChaosSystem system)
{
    private readonly TableNames _names = new();

    public async Task<AuditResult> AuditAsync(IReadOnlyDictionary<string, byte[]> accepted)
    {
        var violations = new List<string>();
        var orders = await ReadAsync(null, EntityKeys.OrderPrefix, OrderRecord.FromRow);
        var drivers = await ReadAsync(null, EntityKeys.DriverPrefix, DriverRecord.FromRow);
        var deadLetters = await ReadDeadLettersAsync();
        var allRows = await ReadAsync(null, "", row => row);
        var events = EventHistoryAuditor.Audit(
            orders,
            [.. allRows.Where(r => r.RowKey.StartsWith(EventKeys.EventPrefix, StringComparison.Ordinal)).Select(OrderEvent.FromRow)],
            allRows.Count(r => r.RowKey.StartsWith(EventKeys.MarkerPrefix, StringComparison.Ordinal)),
            await EventHistoryAuditor.ReceiveAllAsync(system.Topic.Subscription(InMemory.InMemoryDispatchExtensions.OperationsSubscription)),
            await PartnerEventsAsync());
        violations.AddRange(events.Violations.Select(v => $"events: {v}"));
        // The pending index lives in the orders' own transactions: whatever crashed, it must agree with them.
        violations.AddRange(PendingIndexCheck.Disagreements(allRows).Select(d => $"index: {d}"));
        var byId = orders.ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        var lost = 0;

        foreach (var (id, body) in accepted)
        {
            if (!byId.TryGetValue(id, out var order))
            {
                // A partner message dead-lettered before any copy reached storage is kept, with its reason, as a record.
                if (deadLetters.Any(d => d.OrderId == id))
                    continue;
                lost++;
                violations.Add($"{id}: accepted but no status entity exists (lost)");
                continue;
            }

            var parsed = OrderParser.Parse(body, DateTimeOffset.UtcNow);
            if (order.PayloadHash != OrderFingerprint.Hash(parsed.Value!))
                violations.Add($"{id}: stored payload differs from the accepted one (merged)");
            if (!HasWayForward(order))
            {
                lost++;
                violations.Add($"{id}: {order.Status} with nothing that will move it on (stuck)");
            }

            // A waiting order must say why it waits, or an operator reading its status learns nothing.
            if (order.Status == OrderStatus.AwaitingDriver && string.IsNullOrWhiteSpace(order.LastError))
                violations.Add($"{id}: AwaitingDriver without a reason (LastError)");

            if (order.Status == OrderStatus.DeadLettered && (string.IsNullOrEmpty(order.LastError) || !deadLetters.Any(d => d.OrderId == id)))
                violations.Add($"{id}: DeadLettered without a reason or a dead-letter record");
        }

        var doubleAssigned = system.Ledger.Assignments.Count(a => a.Value > 1);
        violations.AddRange(system.Ledger.Assignments.Where(a => a.Value > 1).Select(a => $"{a.Key}: assigned {a.Value} times"));
        violations.AddRange(system.Ledger.OverCapacityWrites.Select(w => $"over capacity: {w}"));
        foreach (var driver in drivers)
        {
            var holding = orders.Count(o => o.Status == OrderStatus.Assigned && o.Zone == driver.Zone && o.DriverId == driver.DriverId);
            if (holding != driver.ActiveOrders)
                violations.Add($"driver {driver.DriverId}: ActiveOrders {driver.ActiveOrders} but holds {holding} Assigned orders");
        }

        foreach (var order in orders.Where(o => o.Status is OrderStatus.Assigned or OrderStatus.Delivered))
        {
            if (system.Ledger.Assignments.GetValueOrDefault(order.OrderId) != 1)
                violations.Add($"{order.OrderId}: {order.Status} but the ledger saw {system.Ledger.Assignments.GetValueOrDefault(order.OrderId)} assignments");
        }

        return new AuditResult(orders.Where(o => accepted.ContainsKey(o.OrderId)).GroupBy(o => o.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            deadLetters.Count, lost, doubleAssigned, system.Ledger.OverCapacityWrites.Count, violations) { Events = events };
    }

    /// <summary>Terminal, or carrying the due time or lease by which the sweeper will move it on.</summary>
    private static bool HasWayForward(OrderRecord order) => order.Status switch
    {
        OrderStatus.Assigned or OrderStatus.Delivered or OrderStatus.DeadLettered => true,
        OrderStatus.InProgress => order.LeaseUntil is not null,
        _ => order.NextAttemptAt is not null,
    };

    private async Task<List<T>> ReadAsync<T>(string? partition, string prefix, Func<TableRow, T> map)
    {
        var list = new List<T>();
        await foreach (var row in system.Store.QueryAsync(_names.DispatchTable, new TableQuery { PartitionKey = partition }))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
                list.Add(map(row));
        }

        return list;
    }

    private async Task<Dictionary<string, IReadOnlyList<ReceivedEvent>>> PartnerEventsAsync()
    {
        var received = new Dictionary<string, IReadOnlyList<ReceivedEvent>>(StringComparer.Ordinal);
        foreach (var subscription in system.Topic.Subscriptions.Where(s => s.Name != InMemory.InMemoryDispatchExtensions.OperationsSubscription))
            received[subscription.Name] = await EventHistoryAuditor.ReceiveAllAsync(subscription);
        return received;
    }

    private async Task<List<DeadLetterRecord>> ReadDeadLettersAsync()
    {
        var list = new List<DeadLetterRecord>();
        await foreach (var row in system.Store.QueryAsync(_names.DeadLetterTable, new TableQuery { PartitionKey = EntityKeys.DeadLetterPartition }))
            list.Add(DeadLetterRecord.FromRow(row));
        return list;
    }
}
