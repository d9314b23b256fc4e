using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Retention;
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
    DependencyCircuits? circuits = null,
    DeliveredRetention? retention = null)
{
    /// <summary>The default of <see cref="DispatchOptions.SweepBatchSize"/>: orders one sweep looks at, over all zones.</summary>
    public const int BatchSize = 500;

    // The recovery (UTC ticks) the last complete catch-up sweep covered.
    private long _caughtUpTicks;

    // The zone the next sweep starts with (null: the first listed); moved on whenever a batch runs out.
    private string? _startZone;

    public async Task<SweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        // Each re-publish continues its order's trace and links back to this sweep (TracingPublisher).
        using var activity = DispatchTracing.StartInternal("sweep");
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

        // Per zone, two index ranges: what was due before the stale cut-off, and claims whose lease ran out.
        // Each reads only the rows it returns; terminal orders have no index rows, so history costs nothing.
        var budget = options.Value.SweepBatchSize;
        var zones = SweepOrder.StartingAt(await store.ListZonesAsync(cancellationToken), Volatile.Read(ref _startZone));
        foreach (var zone in zones)
        {
            var pending = await store.ListPendingAsync(zone, PendingIndex.DuePrefix, staleBefore, budget, cancellationToken);
            if (pending.Count < budget)
                pending.AddRange(await store.ListPendingAsync(zone, PendingIndex.LeasePrefix, now, budget - pending.Count, cancellationToken));
            foreach (var entry in pending)
            {
                budget--;
                // The index row was read before the order: the order may have moved on since, so its own state decides.
                var order = await store.GetOrderAsync(zone, entry.OrderId, cancellationToken);
                if (order is null || !IsStale(order, staleBefore, now))
                {
                    skipped++;
                    continue;
                }

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

            if (budget <= 0)
            {
                // The batch ran out here: the next sweep starts after this zone, so a zone that always fills the
                // batch cannot starve the zones listed after it (each gets the front of the batch in turn).
                Volatile.Write(ref _startZone, SweepOrder.After(zones, zone));
                break;
            }
        }

        // Old Delivered orders go last, with a batch of their own: pending work first.
        var purged = retention is null ? 0 : await retention.PurgeAsync(options.Value.SweepBatchSize, cancellationToken);
        activity?.SetTag("dispatch.sweep.republished", republished);
        if (purged > 0)
            LogPurged(logger, purged);
        if (republished > 0)
            LogSwept(logger, republished, released);
        if (recovery is { } caughtUp)
        {
            // A full batch may have left more behind: the next sweep catches up again from the same recovery.
            if (budget > 0)
                Volatile.Write(ref _caughtUpTicks, caughtUp.UtcTicks);
            LogCaughtUp(logger, caughtUp, republished);
        }

        return new SweepReport(republished, released, skipped) { CaughtUpAfter = recovery, Purged = purged };
    }

    private DateTimeOffset? PendingRecovery() =>
        circuits?.LastRecoveredAt is { } recoveredAt && recoveredAt.UtcTicks > Volatile.Read(ref _caughtUpTicks) ? recoveredAt : null;

    private static bool IsStale(OrderRecord order, DateTimeOffset staleBefore, DateTimeOffset now) => order.Status switch
    {
        OrderStatus.NeedsAssignment or OrderStatus.AwaitingDriver => order.NextAttemptAt < staleBefore,
        OrderStatus.InProgress => order.LeaseUntil < now,
        _ => false,
    };

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper deleted {Count} Delivered orders past their retention")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweeper re-published {Count} stale orders ({Released} expired claims released)")]
    private static partial void LogSwept(ILogger logger, int count, int released);
}
