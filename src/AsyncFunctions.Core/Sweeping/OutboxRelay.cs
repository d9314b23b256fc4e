using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Sweeping;

/// <summary>
/// The outbox relay (the status table is the outbox; the sweep timer runs this), and the safety net
/// that makes "never silently stuck" true: orders whose message should have arrived
/// long ago (a failed send, a lost retry) and claims whose lease ran out (a crashed consumer) are
/// re-published. Each order is first pushed forward with an ETag-guarded write, so two sweepers
/// never publish the same order twice, and a crash after that write is caught by the next sweep.
/// After an outage (a breaker of this instance closed again) the next sweep catches up: every order that was
/// due before the recovery is re-published at once, not only those overdue by StaleAfter, because during the
/// outage their messages may never have been sent, or their delayed copies sit in the queue for up to a minute.
/// </summary>
public sealed partial class OutboxRelay(
    DispatchStore store,
    IMessagePublisher publisher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay> logger,
    DependencyCircuits? circuits = null)
{
    public const int BatchSize = 500;

    // The recovery (UTC ticks) the last complete catch-up sweep covered.
    private long _caughtUpTicks;

    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        // Storage is down: every query would fail. The bus is down: every re-publish would fail after pushing the
        // order's due time forward, delaying it by another StaleAfter. The next tick after recovery sweeps.
        if (circuits is not null && (circuits.Storage.IsBlocking || circuits.Bus.IsBlocking))
            return new SweepReport(0, 0, 0) { PausedByOutage = true };

        var now = time.GetUtcNow();
        var staleBefore = now - options.Value.StaleAfter;
        var recovery = PendingRecovery();
        if (recovery is { } recoveredAt && recoveredAt > staleBefore)
            staleBefore = recoveredAt;
        int republished = 0, released = 0, skipped = 0;

        var due = new List<OrderRecord>();
        var waiting = await store.ListOrdersDueBeforeAsync(OrderStatus.NeedsAssignment, staleBefore, BatchSize, cancellationToken);
        var awaiting = await store.ListOrdersDueBeforeAsync(OrderStatus.AwaitingDriver, staleBefore, BatchSize, cancellationToken);
        due.AddRange(waiting);
        due.AddRange(awaiting);
        var expired = await store.ListExpiredClaimsAsync(now, BatchSize, cancellationToken);

        foreach (var order in due.Concat(expired))
        {
            var wasClaimed = order.Status == OrderStatus.InProgress;
            if (await TryRepublishAsync(order, now, cancellationToken))
            {
                republished++;
                released += wasClaimed ? 1 : 0;
            }
            else
            {
                skipped++;
            }
        }

        if (republished > 0)
            LogSwept(logger, republished, released);
        if (recovery is { } caughtUp)
        {
            // A full batch may have left more behind: the next sweep catches up again from the same recovery.
            if (waiting.Count < BatchSize && awaiting.Count < BatchSize)
                Volatile.Write(ref _caughtUpTicks, caughtUp.UtcTicks);
            LogCaughtUp(logger, caughtUp, republished);
        }

        return new SweepReport(republished, released, skipped) { CaughtUpAfter = recovery };
    }

    private DateTimeOffset? PendingRecovery() =>
        circuits?.LastRecoveredAt is { } recoveredAt && recoveredAt.UtcTicks > Volatile.Read(ref _caughtUpTicks) ? recoveredAt : null;

    private async Task<bool> TryRepublishAsync(OrderRecord order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A claim whose lease ran out is released, so the next delivery starts from NeedsAssignment.
        var next = order.Status == OrderStatus.InProgress ? order.ReleaseExpiredClaim(now) : order.MarkRepublished(now);
        try
        {
            next = await store.UpdateOrderAsync(next, cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.NotFound)
        {
            return false; // it moved on by itself
        }

        await publisher.SendAsync(OrderMessages.FollowUp(next, OrderMessages.Sweep, OrderMessages.Ticks(now), dueAt: null), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper caught up after the recovery at {RecoveredAt}: {Count} orders due before it re-published")]
    private static partial void LogCaughtUp(ILogger logger, DateTimeOffset recoveredAt, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper re-published {Count} stale orders ({Released} expired claims released)")]
    private static partial void LogSwept(ILogger logger, int count, int released);
}
