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
    /// <summary>The audit of <paramref name="stored"/> (every event row) against the orders and what the subscriptions received.</summary>
    public static EventAudit Audit(IReadOnlyList<OrderRecord> orders, IReadOnlyList<OrderEvent> stored, int pendingMarkers,
        IReadOnlyList<ReceivedEvent> operations, IReadOnlyDictionary<string, IReadOnlyList<ReceivedEvent>> partners)
    {
        var violations = new List<string>();
        var byStream = stored.GroupBy(e => e.Stream, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList(), StringComparer.Ordinal);
        foreach (var order in orders)
            violations.AddRange(OrderHistoryCheck.Disagreements(order, byStream.GetValueOrDefault(order.OrderId) ?? []));

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
