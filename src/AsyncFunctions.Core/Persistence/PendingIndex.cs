using System.Globalization;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// Where an order's pending work is indexed, inside its zone's partition, so the sweeper and the wake-up read
/// a key range instead of filtering the zone's whole history. The keys are a pure function of the order's
/// state, and <see cref="DispatchStore"/> writes them in the same entity-group transaction as the order, so
/// the index can never disagree with the orders. Terminal orders have no index row and cost nothing here.
/// </summary>
public static class PendingIndex
{
    /// <summary>NeedsAssignment or AwaitingDriver orders by the time their next message is due.</summary>
    public const string DuePrefix = "due|";

    /// <summary>Stored claims (InProgress) by the time their lease ends.</summary>
    public const string LeasePrefix = "lease|";

    /// <summary>AwaitingDriver orders, oldest wait first, for the wake-up when capacity frees up.</summary>
    public const string AwaitPrefix = "await|";

    /// <summary>Delivered orders by the time they were delivered, for the retention job (Dispatch:DeliveredRetention).</summary>
    public const string DonePrefix = "done|";

    /// <summary>
    /// The due or lease row this order needs, the done row of a Delivered order, or null when nothing is scheduled
    /// for it. One column (<see cref="OrderRecord.ScheduleIndexKey"/>) holds it: an order is in at most one of these states.
    /// </summary>
    public static string? ScheduleKey(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status switch
        {
            OrderStatus.NeedsAssignment or OrderStatus.AwaitingDriver when order.NextAttemptAt is { } due => Key(DuePrefix, due, order.OrderId),
            OrderStatus.InProgress when order.LeaseUntil is { } lease => Key(LeasePrefix, lease, order.OrderId),
            OrderStatus.Delivered => Key(DonePrefix, order.UpdatedAt, order.OrderId),
            _ => null,
        };
    }

    /// <summary>The awaiting row this order needs, or null when it is not waiting for a driver.</summary>
    public static string? AwaitKey(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status == OrderStatus.AwaitingDriver ? Key(AwaitPrefix, order.AwaitingSince ?? order.CreatedAt, order.OrderId) : null;
    }

    /// <summary>The exclusive upper bound of a range that holds every row of <paramref name="prefix"/> before <paramref name="time"/>.</summary>
    public static string Before(string prefix, DateTimeOffset time) => prefix + Ticks(time);

    // Fixed width, so the ordinal order of the keys is the order of the times.
    private static string Key(string prefix, DateTimeOffset time, string orderId) => $"{prefix}{Ticks(time)}|{orderId}";

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
