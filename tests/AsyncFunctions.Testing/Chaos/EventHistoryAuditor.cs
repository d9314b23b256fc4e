using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// Checks the order events against the final state: every order's history is numbered 1..N without gaps, starts
/// with OrderAccepted, follows the lifecycle and ends in the event of the state the order is in (no missing
/// terminal event, no event for a state never reached); every stored event reached the topic exactly once after
/// duplicate detection (none lost, none invented); and a partner's subscription holds only that partner's events.
/// </summary>
public static class EventHistoryAuditor
{
    private static readonly Dictionary<string, string[]> Next = new()
    {
        [OrderEventTypes.OrderAccepted] = [OrderEventTypes.DriverAssigned, OrderEventTypes.AwaitingDriver, OrderEventTypes.OrderDeadLettered],
        [OrderEventTypes.AwaitingDriver] = [OrderEventTypes.AwaitingDriver, OrderEventTypes.DriverAssigned, OrderEventTypes.OrderDeadLettered],
        [OrderEventTypes.DriverAssigned] = [OrderEventTypes.OrderDelivered],
        [OrderEventTypes.OrderDelivered] = [],
        [OrderEventTypes.OrderDeadLettered] = [OrderEventTypes.OrderReplayed],
        [OrderEventTypes.OrderReplayed] = [OrderEventTypes.DriverAssigned, OrderEventTypes.AwaitingDriver, OrderEventTypes.OrderDeadLettered],
    };

    /// <summary>The audit of <paramref name="stored"/> (every event row) against the orders and what the subscriptions received.</summary>
    public static EventAudit Audit(IReadOnlyList<OrderRecord> orders, IReadOnlyList<OrderEvent> stored, int pendingMarkers,
        IReadOnlyList<ReceivedEvent> operations, IReadOnlyDictionary<string, IReadOnlyList<ReceivedEvent>> partners)
    {
        var violations = new List<string>();
        var byStream = stored.GroupBy(e => e.Stream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList(), StringComparer.Ordinal);
        foreach (var order in orders)
            violations.AddRange(CheckHistory(order, byStream.GetValueOrDefault(order.OrderId) ?? []));

        var storedIds = stored.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var receivedIds = operations.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lost = storedIds.Count(id => !receivedIds.ContainsKey(id));
        violations.AddRange(storedIds.Where(id => !receivedIds.ContainsKey(id)).Take(20).Select(id => $"event {id}: stored but never published (lost)"));
        violations.AddRange(receivedIds.Keys.Where(id => !storedIds.Contains(id)).Select(id => $"event {id}: published but not in any history"));
        var duplicates = receivedIds.Values.Sum(count => count - 1);
        violations.AddRange(receivedIds.Where(r => r.Value > 1).Take(20).Select(r => $"event {r.Key}: delivered {r.Value} times after duplicate detection"));
        if (pendingMarkers > 0)
            violations.Add($"{pendingMarkers} outbox markers still pending after the drain");
        foreach (var (partner, received) in partners)
            violations.AddRange(received.Where(e => e.Partner != partner).Select(e => $"event {e.Id} of {e.Partner} on {partner}'s subscription"));

        // Out-of-order arrivals are counted, not failed: two instances publishing right after their commits may race,
        // and the sequence attribute is what consumers order by (docs/events.md).
        var outOfOrder = operations.GroupBy(e => e.Stream()).Sum(g => g.Zip(g.Skip(1)).Count(p => p.Second.Sequence < p.First.Sequence));
        return new EventAudit(stored.Count, operations.Count, lost, duplicates, outOfOrder, stored.Count(e => e.Type == OrderEventTypes.OrderRefused), violations);
    }

    private static IEnumerable<string> CheckHistory(OrderRecord order, List<OrderEvent> history)
    {
        var id = order.OrderId;
        if (history.Count != order.EventSequence || !history.Select(e => e.Sequence).SequenceEqual(Enumerable.Range(1, history.Count)))
        {
            yield return $"{id}: history numbered [{string.Join(",", history.Select(e => e.Sequence))}] but the order counts {order.EventSequence}";
            yield break;
        }

        if (history.Count == 0 || history[0].Type != OrderEventTypes.OrderAccepted)
        {
            yield return $"{id}: history does not start with OrderAccepted";
            yield break;
        }

        foreach (var (before, after) in history.Zip(history.Skip(1)))
        {
            if (!Next[before.Type].Contains(after.Type))
                yield return $"{id}: {OrderEventTypes.ShortName(after.Type)} (#{after.Sequence}) cannot follow {OrderEventTypes.ShortName(before.Type)}";
        }

        var last = history[^1].Type;
        string[] fits = order.Status switch
        {
            OrderStatus.Assigned => [OrderEventTypes.DriverAssigned],
            OrderStatus.Delivered => [OrderEventTypes.OrderDelivered],
            OrderStatus.DeadLettered => [OrderEventTypes.OrderDeadLettered],
            OrderStatus.AwaitingDriver => [OrderEventTypes.AwaitingDriver],
            _ => [OrderEventTypes.OrderAccepted, OrderEventTypes.OrderReplayed, OrderEventTypes.AwaitingDriver],
        };
        if (!fits.Contains(last))
            yield return $"{id}: {order.Status} but its history ends with {OrderEventTypes.ShortName(last)}";
        if (order.Status is OrderStatus.Assigned or OrderStatus.Delivered
            && !history.Last(e => e.Type == OrderEventTypes.DriverAssigned).Data.Contains($"\"driverId\":\"{order.DriverId}\"", StringComparison.Ordinal))
            yield return $"{id}: DriverAssigned names another driver than {order.DriverId}";
    }

    private static string Stream(this ReceivedEvent received) => received.Id[..received.Id.LastIndexOf('/')];

    /// <summary>Every message of a subscription, completed, in the order it was delivered.</summary>
    public static async Task<List<ReceivedEvent>> ReceiveAllAsync(InMemorySubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var received = new List<ReceivedEvent>();
        while (await subscription.ReceiveAsync(TimeSpan.Zero) is { } locked)
        {
            received.Add(CloudEventMessages.Read(locked.Message.ApplicationProperties, locked.Message.Body));
            await locked.CompleteAsync();
        }

        return received;
    }
}
