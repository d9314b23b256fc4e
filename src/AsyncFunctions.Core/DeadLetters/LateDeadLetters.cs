using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>
/// Whether a dead-lettered copy is its order's verdict or a late straggler. Copies outlive each other
/// (retries, sweeps, rescheduled copies during an outage), so an older copy reaching the dead-letter
/// queue must not kill an order that a newer copy is still working on or that has moved on.
/// </summary>
public static class LateDeadLetters
{
    /// <summary>Why the order must be left alone, or null when this dead letter may mark it DeadLettered.</summary>
    public static string? ReasonToLeaveAlone(OrderRecord current, InboundMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(message);
        if (OrderLifecycle.IsResolved(current.Status))
            return $"the order is already {current.Status}";
        if (OrderMessages.AttemptOf(message) < current.Attempts)
            return $"the order moved on to retry {current.Attempts}";
        if (current.Status == OrderStatus.InProgress && current.LeaseUntil > now && current.ClaimedBy != ClaimToken.Of(message))
            return "another copy holds a live claim on the order";
        if (current.Status is OrderStatus.NeedsAssignment or OrderStatus.AwaitingDriver && current.NextAttemptAt > now)
            return $"a newer copy is scheduled for {current.NextAttemptAt:O}";
        return null;
    }
}
