using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Assignment;

/// <summary>
/// Decides what to do with one order message, following the four-step protocol: read the status
/// (resolved → duplicate), claim it, pick a driver and commit order and driver in one transaction
/// guarded by both ETags, and so mark it resolved. By default the claim is optimistic: the order's
/// ETag from step 1 is the claim, and the transaction that assigns it is what checks it, so nothing
/// is written in between (<see cref="DispatchOptions.ClaimBeforeAssign"/> writes InProgress + lease
/// first, as the protocol's explicit form). ETag conflicts re-read and retry a bounded number of
/// times. Transient storage failures escape to the caller, which abandons.
/// </summary>
public sealed class OrderAssigner(
    DispatchStore store,
    OrderIntake intake,
    IMessagePublisher publisher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    DispatchMetrics metrics,
    ZoneGate? zoneGate = null,
    ZoneRosterCache? rosterCache = null)
{
    private readonly DispatchOptions _options = options.Value;
    private readonly ZoneGate _zoneGate = zoneGate ?? new ZoneGate();
    private readonly ZoneRosterCache _roster = rosterCache ?? new ZoneRosterCache(store, options, time);

    // This instance's own preference among the nearest drivers (SpreadPick): random per process, so instances differ.
    private readonly ulong _spreadSalt = (ulong)Random.Shared.NextInt64();

    /// <summary>
    /// A deliberately broken variant (no already-resolved check) that only tests/AsyncFunctions.Concurrency.Tests
    /// switches on, to prove its harness catches it. Never set in a host.
    /// </summary>
    internal bool SkipsResolvedCheckForTesting { get; set; }

    public async Task<MessageOutcome> HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        metrics.Received();
        var parsed = OrderParser.Parse(message.Body, time.GetUtcNow());
        if (!parsed.IsValid)
            return Refuse(message, parsed);
        var order = parsed.Value;
        // The zone's session is what keeps two instances off the same drivers; a message in another session is still
        // served correctly (the ETags guard every commit), so it is counted for the partner to fix, not refused.
        if (message.SessionId is { } session && !string.Equals(session, order.Zone, StringComparison.Ordinal))
            metrics.SessionMismatch(OrderMessages.SourceOf(message));

        var record = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken);
        var acceptedHere = false;
        if (record is null)
        {
            // A partner message (or an intake that crashed before writing the order): accept it here.
            var acceptance = await intake.AcceptAsync(order, OrderMessages.SourceOf(message), message.CorrelationId, cancellationToken);
            if (acceptance.IsConflict)
                return await RefuseConflictAsync(message, order.OrderId, acceptance.ConflictDetail, cancellationToken);
            record = acceptance.Order;
            // No intake message was scheduled for an order accepted here: if it is not due yet, this copy must schedule one.
            acceptedHere = acceptance.IsNew;
        }
        else if (record.PayloadHash != OrderFingerprint.Hash(order))
        {
            return await RefuseConflictAsync(message, order.OrderId,
                $"Order '{order.OrderId}' already exists with a different payload; this message was not merged into it.", cancellationToken);
        }

        var first = record;
        var decided = await ConflictRetry.RunAsync(_options.MaxConflictRetries, async round =>
        {
            // Someone else wrote the order since we read it: decide again from what is there now.
            var current = round == 0 ? first : await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken)
                ?? throw new TableStorageException(TableErrorKind.Transient, $"Order {order.OrderId} vanished during assignment.");
            return await StepAsync(current, order, message, acceptedHere, cancellationToken);
        }, $"Order {order.OrderId} kept changing", onConflict: _ => metrics.Conflict("order"));
        // Contention is the transient path: abandoned, the message comes back when the others are done.
        return decided.IsContended ? new MessageOutcome.Abandon(decided.ContentionDetail) : decided.Value;
    }

    private async Task<MessageOutcome> StepAsync(OrderRecord record, OrderRequest order, InboundMessage message, bool acceptedHere, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (OrderLifecycle.IsResolved(record.Status) && !SkipsResolvedCheckForTesting)
        {
            metrics.Duplicate("assign");
            return new MessageOutcome.Complete($"Order {record.OrderId} is already {record.Status}.");
        }

        if (record.Status == OrderStatus.NeedsAssignment && order.ReadyAt is { } readyAt && readyAt - _options.ScheduleLeadTime > now)
            return await DeferAsync(record, readyAt - _options.ScheduleLeadTime, acceptedHere, cancellationToken);

        if (record.Status == OrderStatus.AwaitingDriver && OrderMessages.AttemptOf(message) < record.Attempts)
        {
            metrics.Duplicate("superseded");
            return new MessageOutcome.Complete($"Superseded: order {record.OrderId} is on retry {record.Attempts}.");
        }

        var claimToken = ClaimToken.Of(message);
        if (record.Status == OrderStatus.InProgress && record.LeaseUntil > now && record.ClaimedBy != claimToken)
        {
            // Another copy is working on it. Check back when its lease ends rather than racing it.
            metrics.Retried("claimed");
            var leaseEnd = record.LeaseUntil.Value;
            return new MessageOutcome.RetryLater(
                OrderMessages.FollowUp(record, OrderMessages.Recheck, OrderMessages.Ticks(leaseEnd), leaseEnd),
                $"Order {record.OrderId} is claimed by another delivery until {leaseEnd:O}.");
        }

        // The optimistic claim writes nothing: the ETag read in step 1 travels with it, so the next write
        // succeeds only if nobody else wrote the order since, and a crash before it leaves nothing behind.
        var claimed = _options.ClaimBeforeAssign
            ? await store.UpdateOrderAsync(record.Claim(claimToken, now, _options.LeaseDuration), cancellationToken)
            : record.ClaimOptimistically(now);
        return await AssignAsync(claimed, order, cancellationToken);
    }


    private async Task<MessageOutcome> AssignAsync(OrderRecord claimed, OrderRequest order, CancellationToken cancellationToken)
    {
        // Pick and commit one at a time per zone in this process: concurrent consumers would all pick the same nearest driver.
        using var zoneTurn = _options.SerializeAssignmentsPerZone ? await _zoneGate.EnterAsync(claimed.Zone, cancellationToken) : null;
        var picked = await ConflictRetry.RunAsync(_options.MaxConflictRetries,
            round => PickAndCommitAsync(claimed, order, refresh: round > 0, cancellationToken),
            $"Drivers in zone {claimed.Zone} kept changing",
            // The driver took another order meanwhile, or left the zone (the cached copy was stale): pick again from fresh state.
            isConflict: ex => ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound && ex.FailedActionIndex == DispatchStore.DriverActionIndex,
            onConflict: _ =>
            {
                metrics.Conflict("driver");
                _roster.Invalidate(claimed.Zone);
            });
        return picked.IsContended ? new MessageOutcome.Abandon(picked.ContentionDetail) : picked.Value;
    }

    private async Task<MessageOutcome> PickAndCommitAsync(OrderRecord claimed, OrderRequest order, bool refresh, CancellationToken cancellationToken)
    {
        var driver = await PickAsync(claimed, order, refresh, cancellationToken);
        if (driver is null)
            return await AwaitDriverAsync(claimed, cancellationToken);

        var now = time.GetUtcNow();
        using (var commit = DispatchTracing.StartInternal("commit", claimed.OrderId))
        {
            commit?.SetTag(DispatchTags.Zone, claimed.Zone);
            commit?.SetTag(DispatchTags.DriverId, driver.DriverId);
            var (_, taken) = await store.CommitOrderAndDriverAsync(claimed.Assign(driver.DriverId, now), driver.TakeOrder(now), cancellationToken);
            _roster.Replace(taken);
        }

        metrics.Assigned(claimed.Zone);
        metrics.AssignedAfter(claimed.Zone, now - claimed.CreatedAt, now - claimed.AwaitingSince);
        return new MessageOutcome.Complete($"Order {claimed.OrderId} assigned to driver {driver.DriverId}.");
    }

    private async Task<DriverRecord?> PickAsync(OrderRecord claimed, OrderRequest order, bool refresh, CancellationToken cancellationToken)
    {
        using var pick = DispatchTracing.StartInternal("pick", claimed.OrderId);
        pick?.SetTag(DispatchTags.Zone, claimed.Zone);
        var (roster, fromCache) = await _roster.GetAsync(claimed.Zone, refresh, cancellationToken);
        var driver = Pick(roster, order);
        if (driver is null && fromCache)
        {
            // Never wait for a driver on the strength of a cached roster: capacity may have freed up elsewhere.
            (roster, _) = await _roster.GetAsync(claimed.Zone, refresh: true, cancellationToken);
            driver = Pick(roster, order);
        }

        pick?.SetTag(DispatchTags.DriverId, driver?.DriverId);
        return driver;
    }

    private DriverRecord? Pick(ZoneRoster roster, OrderRequest order) =>
        SpreadPick.Pick(roster, order.Pickup, _options.SpreadAmongNearest, _options.SpreadMaxExtraKm, _spreadSalt);

    private async Task<MessageOutcome> AwaitDriverAsync(OrderRecord claimed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = claimed.AwaitingSince ?? now;
        if (now - since >= _options.MaxAwaitingDriver)
        {
            // Leave it AwaitingDriver and due now: the dead-letter recorder marks it DeadLettered, and
            // should that never happen the sweeper finds it again. Nothing is silently stuck.
            await store.UpdateOrderAsync(claimed.GiveUpWaiting(now), cancellationToken);
            return new MessageOutcome.DeadLetter(DeadLetterReasons.NoDriverAvailable,
                $"No driver with spare capacity in zone '{claimed.Zone}' for {(now - since).TotalSeconds:F0} s (limit {_options.MaxAwaitingDriver.TotalSeconds:F0} s, {claimed.Attempts} retries).");
        }

        var waiting = await store.UpdateOrderAsync(claimed.AwaitDriver(now, _options.DriverRetryDelay), cancellationToken);
        metrics.Retried("no-driver");
        var due = waiting.NextAttemptAt!.Value;
        return new MessageOutcome.RetryLater(
            OrderMessages.FollowUp(waiting, OrderMessages.Retry, waiting.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), due),
            $"No driver free in zone {claimed.Zone}; retry {waiting.Attempts} at {due:O}.");
    }

    /// <summary>Food not ready yet: keep the order waiting and schedule a copy for readyAt minus the lead time.</summary>
    private async Task<MessageOutcome> DeferAsync(OrderRecord record, DateTimeOffset due, bool acceptedHere, CancellationToken cancellationToken)
    {
        if (record.NextAttemptAt >= due && !acceptedHere)
            return new MessageOutcome.Complete($"Order {record.OrderId} is already scheduled for {due:O}.");

        var scheduled = await store.UpdateOrderAsync(record.Defer(due, time.GetUtcNow()), cancellationToken);
        metrics.Retried("not-ready");
        return new MessageOutcome.RetryLater(
            OrderMessages.FollowUp(scheduled, OrderMessages.Schedule, OrderMessages.Ticks(due), due),
            $"Order {record.OrderId} is not ready; scheduled for {due:O}.");
    }

    /// <summary>
    /// Refuses a copy whose payload conflicts with the accepted order of the same id. Such a copy usually carries
    /// MessageId = orderId, so if it was sent first the broker dropped the accepted order's own intake message as a
    /// duplicate: an order still waiting for its first assignment is handed a copy of its own before this one is
    /// dead-lettered, rather than left to the sweeper. The MessageId is fixed, so repeated conflicts send it once.
    /// When the owner's intake has claimed the id but not yet written the order, there is nothing to hand on yet:
    /// this copy is checked once more a little later instead of being dead-lettered now.
    /// </summary>
    private async Task<MessageOutcome> RefuseConflictAsync(InboundMessage message, string orderId, string detail, CancellationToken cancellationToken)
    {
        var owner = await store.FindOrderAsync(orderId, cancellationToken);
        var now = time.GetUtcNow();
        if (owner is null && !OrderMessages.IsConflictRecheck(message))
        {
            var due = now + _options.DriverRetryInitial;
            return new MessageOutcome.RetryLater(OrderMessages.ConflictRecheckOf(message, orderId, due),
                $"Order '{orderId}' is being accepted with another payload; this copy is checked again at {due:O}.");
        }

        if (owner is { Status: OrderStatus.NeedsAssignment })
            await publisher.SendAsync(OrderMessages.FollowUp(owner, OrderMessages.HandOn, "conflict", owner.NextAttemptAt > now ? owner.NextAttemptAt : null), cancellationToken);

        return new MessageOutcome.DeadLetter(DeadLetterReasons.PayloadConflict, detail);
    }

    private static MessageOutcome.DeadLetter Refuse(InboundMessage message, ParseResult<OrderRequest> parsed)
    {
        // The parser refuses an oversized body as malformed; the dead-letter reason says which of the two it was.
        if (parsed.MalformedReason is { } reason)
            return new(message.Body.Length > OrderLimits.MaxBodyBytes ? DeadLetterReasons.MessageTooLarge : DeadLetterReasons.MalformedMessage, reason);
        return new(DeadLetterReasons.InvalidOrder, $"The order is invalid: {parsed.Errors}");
    }
}
