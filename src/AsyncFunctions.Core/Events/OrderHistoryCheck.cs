using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// Whether an order's stored history agrees with the order: numbered 1..N without gaps with N = its
/// <see cref="OrderRecord.EventSequence"/>, starting with OrderAccepted, each event a legal successor of the one before,
/// and ending with the event of the state the order is in (no missing terminal event, no event for a state never
/// reached). The fault audit and the Coyote scenarios run it, like <see cref="PendingIndexCheck"/>.
/// </summary>
public static class OrderHistoryCheck
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

    /// <summary>One line per disagreement; empty when the history tells the order's story.</summary>
    public static List<string> Disagreements(OrderRecord order, IReadOnlyList<OrderEvent> history)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(history);
        return [.. Check(order, [.. history.OrderBy(e => e.Sequence)])];
    }

    private static IEnumerable<string> Check(OrderRecord order, List<OrderEvent> history)
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
        if (order.Status is not (OrderStatus.Assigned or OrderStatus.Delivered))
            yield break;
        // A check reports, it does not throw: a history with no assignment at all is one more disagreement.
        var assignment = history.LastOrDefault(e => e.Type == OrderEventTypes.DriverAssigned);
        if (assignment is null)
            yield return $"{id}: {order.Status} but its history has no DriverAssigned";
        else if (!assignment.Data.Contains($"\"driverId\":\"{order.DriverId}\"", StringComparison.Ordinal))
            yield return $"{id}: DriverAssigned names another driver than {order.DriverId}";
    }
}
