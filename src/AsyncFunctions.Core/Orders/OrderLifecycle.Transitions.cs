using System.Globalization;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Orders;

/// <summary>
/// The order aggregate's transitions: the only code that changes an order's status, timestamps, claim,
/// due time, last error or attempts. Each one sets every field its move implies, so "nothing is ever
/// silently stuck" does not depend on each caller remembering <see cref="OrderRecord.NextAttemptAt"/>.
/// </summary>
public static partial class OrderLifecycle
{
    /// <summary>A new order, waiting for its first message, which is due at <paramref name="dueAt"/> (now, or readyAt − lead).</summary>
    public static OrderRecord Accept(OrderRequest order, string payload, string payloadHash, string source, string? correlationId, DateTimeOffset now, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderRecord
        {
            OrderId = order.OrderId,
            Zone = order.Zone,
            Status = OrderStatus.NeedsAssignment,
            CreatedAt = now,
            UpdatedAt = now,
            PayloadHash = payloadHash,
            Payload = payload,
            Source = source,
            CorrelationId = correlationId,
            NextAttemptAt = dueAt,
        }.RaiseAccepted(order, now, dueAt);
    }

    /// <summary>Step 2 written: InProgress with a lease held by <paramref name="claimToken"/>. Re-claiming an InProgress order renews it.</summary>
    public static OrderRecord Claim(this OrderRecord order, string claimToken, DateTimeOffset now, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status != OrderStatus.InProgress)
            EnsureCanMove(order.Status, OrderStatus.InProgress);
        return order with { Status = OrderStatus.InProgress, UpdatedAt = now, LeaseUntil = now + lease, ClaimedBy = claimToken };
    }

    /// <summary>
    /// Step 2 in memory only: InProgress, still carrying the ETag read in step 1, so the next write succeeds
    /// only if nobody else wrote the order since. Nothing is stored, so nothing is left behind by a crash.
    /// </summary>
    public static OrderRecord ClaimOptimistically(this OrderRecord order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status == OrderStatus.InProgress)
            return order;
        EnsureCanMove(order.Status, OrderStatus.InProgress);
        return order with { Status = OrderStatus.InProgress, UpdatedAt = now };
    }

    /// <summary>Step 4: Assigned to a driver; the claim, the due time and the last error are cleared.</summary>
    public static OrderRecord Assign(this OrderRecord order, string driverId, DateTimeOffset now) =>
        (Move(order, OrderStatus.Assigned, now) with
        {
            DriverId = driverId,
            LeaseUntil = null,
            ClaimedBy = null,
            NextAttemptAt = null,
            LastError = null,
        }).RaiseAssigned(now);

    /// <summary>
    /// No driver free: AwaitingDriver, one more attempt, due after <paramref name="retryDelay"/> of that
    /// attempt. The wait's start is kept from the first time, so the total wait stays bounded.
    /// </summary>
    public static OrderRecord AwaitDriver(this OrderRecord order, DateTimeOffset now, Func<int, TimeSpan> retryDelay)
    {
        ArgumentNullException.ThrowIfNull(retryDelay);
        var waiting = Move(order, OrderStatus.AwaitingDriver, now);
        var attempts = order.Attempts + 1;
        return (waiting with
        {
            Attempts = attempts,
            AwaitingSince = order.AwaitingSince ?? now,
            NextAttemptAt = now + retryDelay(attempts),
            LeaseUntil = null,
            ClaimedBy = null,
            LastError = string.Create(CultureInfo.InvariantCulture, $"No available driver with spare capacity in zone '{order.Zone}' (attempt {attempts})."),
        }).RaiseAwaiting(now);
    }

    /// <summary>
    /// Waited too long for a driver: left AwaitingDriver and due now while its message is dead-lettered. The
    /// dead-letter recorder then marks it DeadLettered; should that never happen, the outbox relay finds it again.
    /// </summary>
    public static OrderRecord GiveUpWaiting(this OrderRecord order, DateTimeOffset now) =>
        Move(order, OrderStatus.AwaitingDriver, now) with
        {
            LeaseUntil = null,
            ClaimedBy = null,
            NextAttemptAt = now,
            LastError = "No driver became available in time; dead-lettered.",
        };

    /// <summary>Food not ready yet: stays NeedsAssignment, its next message due at <paramref name="dueAt"/>.</summary>
    public static OrderRecord Defer(this OrderRecord order, DateTimeOffset dueAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        EnsureIn(order.Status, nameof(Defer), OrderStatus.NeedsAssignment);
        return order with { NextAttemptAt = dueAt, UpdatedAt = now };
    }

    /// <summary>A claim whose lease ran out (a crashed consumer): back to NeedsAssignment, due now.</summary>
    public static OrderRecord ReleaseExpiredClaim(this OrderRecord order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        EnsureIn(order.Status, nameof(ReleaseExpiredClaim), OrderStatus.InProgress);
        if (order.LeaseUntil > now)
            throw new InvalidOperationException($"The claim on order {order.OrderId} holds until {order.LeaseUntil:O}; it has not expired.");
        return Move(order, OrderStatus.NeedsAssignment, now) with { LeaseUntil = null, ClaimedBy = null, NextAttemptAt = now };
    }

    /// <summary>The outbox relay sent a fresh copy of a waiting order: due now, so a lost copy is found again later.</summary>
    public static OrderRecord MarkRepublished(this OrderRecord order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        EnsureIn(order.Status, nameof(MarkRepublished), OrderStatus.NeedsAssignment, OrderStatus.AwaitingDriver);
        return order with { NextAttemptAt = now, UpdatedAt = now };
    }

    /// <summary>Its message was dead-lettered: DeadLettered with the reason; nothing is due and nobody holds it.</summary>
    public static OrderRecord MarkDeadLettered(this OrderRecord order, string reason, string description, DateTimeOffset now) =>
        (Move(order, OrderStatus.DeadLettered, now) with
        {
            LeaseUntil = null,
            ClaimedBy = null,
            NextAttemptAt = null,
            LastError = $"{reason}: {description}",
        }).RaiseDeadLettered(reason, description, now);

    /// <summary>Replayed on purpose: NeedsAssignment again, due now, with a fresh wait budget.</summary>
    public static OrderRecord Revive(this OrderRecord order, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        // NeedsAssignment also follows InProgress (a released claim); a revival is only ever of a dead letter.
        EnsureIn(order.Status, nameof(Revive), OrderStatus.DeadLettered);
        return (Move(order, OrderStatus.NeedsAssignment, now) with
        {
            AwaitingSince = null,
            NextAttemptAt = now,
            LastError = null,
        }).Raise(Events.OrderEventTypes.OrderReplayed, now);
    }

    /// <summary>The driver delivered it: Delivered; the driver stays on record.</summary>
    public static OrderRecord Deliver(this OrderRecord order, DateTimeOffset now) => Move(order, OrderStatus.Delivered, now).RaiseDelivered(now);

    private static OrderRecord Move(OrderRecord order, OrderStatus to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        EnsureCanMove(order.Status, to);
        return order with { Status = to, UpdatedAt = now };
    }
}
