using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// The relay of the event outbox. Right after a commit that stored events, <see cref="PublishCommittedAsync"/>
/// sends them to the topic and deletes their pending markers (one batch send, one delete or transaction). A
/// crash or failure in between leaves the markers (each a copy of its event), and <see cref="SweepAsync"/> finds them by
/// one RowKey range per partition, sends again and clears: the MessageId is the event id, so the topic's duplicate detection drops
/// a copy that was sent before. Nothing is lost (the marker was written with the change), nothing is sent twice
/// within the detection window, which must stay longer than <see cref="DispatchOptions.StaleAfter"/>. After a bus
/// outage (this instance's bus breaker closed again) the next sweep relays every marker written before the recovery at
/// once, as the order sweep re-publishes, rather than leave the events of the outage to wait for StaleAfter.
/// </summary>
public sealed partial class OrderEventRelay(
    ITableStore tables,
    IOptions<TableNames> names,
    IEventPublisher publisher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<OrderEventRelay> logger,
    DependencyCircuits? circuits = null)
{
    /// <summary>At most this many markers per sweep, so one sweep's work stays bounded.</summary>
    public const int BatchSize = 500;

    private readonly string _table = names.Value.DispatchTable;

    /// <summary>Published markers are deleted once a partition has this many (one transaction's worth) …</summary>
    public const int ClearBatch = TableLimits.MaxTransactionActions;

    /// <summary>… or once the oldest has waited this long (checked on each publish and each sweep); well below StaleAfter.</summary>
    public static readonly TimeSpan ClearAfter = TimeSpan.FromSeconds(1);

    private readonly PublishedMarkers _published = new();

    // The bus recovery (UTC ticks) the last complete catch-up sweep covered.
    private long _caughtUpTicks;

    /// <summary>
    /// The hot path: publishes what a commit just stored, then deletes published markers in batches per partition
    /// (<see cref="ClearBatch"/>, <see cref="ClearAfter"/>). Never throws for a failed send or delete: the change is
    /// committed either way and the sweep relays what is left. Returns whether the events were sent.
    /// </summary>
    public async Task<bool> PublishCommittedAsync(string partition, IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return true;
        // The bus is down (its breaker is open): a send would only wait out its timeouts inside the caller's message lock.
        if (circuits?.Bus.IsBlocking == true)
            return false;
        try
        {
            await publisher.PublishAsync([.. events.Select(CloudEventMessages.ToMessage)], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeftForSweep(logger, events[0].Stream, events.Count, ex.Message);
            return false;
        }

        _published.Add(partition, events, time.GetUtcNow());
        await ClearPublishedAsync(all: false, cancellationToken);
        return true;
    }

    /// <summary>Deletes the markers of every event this process published and has not cleared yet (the sweep does this first).</summary>
    public Task ClearPublishedAsync(CancellationToken cancellationToken) => ClearPublishedAsync(all: true, cancellationToken);

    private async Task ClearPublishedAsync(bool all, CancellationToken cancellationToken)
    {
        foreach (var (partition, published) in _published.TakeDue(time.GetUtcNow(), ClearAfter, ClearBatch, all))
        {
            foreach (var chunk in published.Chunk(ClearBatch))
            {
                try
                {
                    await ClearAsync(partition, chunk, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Left pending: the sweep sends them again and the topic drops the copies.
                    LogBatchFailed(logger, partition, chunk.Length, ex.Message);
                }
            }
        }
    }

    /// <summary>
    /// Relays every event whose marker is older than <see cref="DispatchOptions.StaleAfter"/> (fresher ones are the hot
    /// path's), or than the bus's last recovery. A partition or batch that fails is left for the next sweep; the rest go on.
    /// </summary>
    public async Task<EventSweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        // The bus or the tables are down: every send or read would fail. The next tick after the recovery sweeps.
        if (circuits is not null && (circuits.Storage.IsBlocking || circuits.Bus.IsBlocking))
            return new EventSweepReport(0, 0) { PausedByOutage = true };
        // What this process sent is cleared first, so the sweep does not send it again.
        await ClearPublishedAsync(all: true, cancellationToken);
        var staleBefore = time.GetUtcNow() - options.Value.StaleAfter;
        var recovery = circuits?.LastRecoveredAt is { } recoveredAt && recoveredAt.UtcTicks > Volatile.Read(ref _caughtUpTicks) ? recoveredAt : (DateTimeOffset?)null;
        if (recovery > staleBefore)
            staleBefore = recovery.Value;

        var budget = BatchSize;
        int relayed = 0, fresh = 0, failed = 0;
        foreach (var partition in await PartitionsAsync(cancellationToken))
        {
            try
            {
                var (stale, freshHere) = await StaleMarkersAsync(partition, staleBefore, budget, cancellationToken);
                budget -= stale.Count + freshHere;
                fresh += freshHere;
                foreach (var chunk in stale.Chunk(TableLimits.MaxTransactionActions))
                {
                    try
                    {
                        await PublishAndClearAsync(partition, chunk, cancellationToken);
                        relayed += chunk.Length;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        failed += chunk.Length;
                        LogBatchFailed(logger, partition, chunk.Length, ex.Message);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                LogBatchFailed(logger, partition, 0, ex.Message);
            }

            if (budget <= 0)
                break;
        }

        if (relayed > 0)
            LogSwept(logger, relayed);
        // Caught up only when nothing failed and no budget ran out: otherwise the next sweep starts from the same recovery.
        if (recovery is { } caughtUp && failed == 0 && budget > 0)
            Volatile.Write(ref _caughtUpTicks, caughtUp.UtcTicks);
        return new EventSweepReport(relayed, fresh) { Failed = failed };
    }

    // One range read: the markers carry their events. Sorted by stream then sequence, so each order's events go out in sequence.
    private async Task<(List<OrderEvent> Stale, int Fresh)> StaleMarkersAsync(string partition, DateTimeOffset staleBefore, int take, CancellationToken cancellationToken)
    {
        var stale = new List<OrderEvent>();
        var fresh = 0;
        var query = TableQuery.PartitionPrefix(partition, EventKeys.MarkerPrefix) with { Take = take };
        await foreach (var marker in tables.QueryAsync(_table, query, cancellationToken))
        {
            if (marker.GetTime(EventColumns.CreatedAt) is { } createdAt && createdAt >= staleBefore)
                fresh++;
            else
                stale.Add(OrderEvent.FromRow(marker));
        }

        return ([.. stale.OrderBy(e => e.Stream, StringComparer.Ordinal).ThenBy(e => e.Sequence)], fresh);
    }

    private async Task PublishAndClearAsync(string partition, IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync([.. events.Select(CloudEventMessages.ToMessage)], cancellationToken);
        await ClearAsync(partition, events, cancellationToken);
    }

    // One round trip per batch: a single delete, or one transaction for the markers of one partition.
    private async Task ClearAsync(string partition, IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            if (events.Count == 1)
                await tables.DeleteAsync(_table, partition, EventKeys.MarkerRow(events[0].Stream, events[0].Sequence), "*", cancellationToken);
            else
                await tables.SubmitTransactionAsync(_table, [.. events.Select(e => TableAction.Delete(Marker(partition, e), "*"))], cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound && events.Count > 1)
        {
            // Another relay (the sweep racing the hot path) cleared some of them: clear the rest one by one.
            foreach (var orderEvent in events)
                await DeleteIfPresentAsync(partition, orderEvent, cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound)
        {
            // Cleared by another relay already.
        }
    }

    private async Task DeleteIfPresentAsync(string partition, OrderEvent orderEvent, CancellationToken cancellationToken)
    {
        try
        {
            await tables.DeleteAsync(_table, partition, EventKeys.MarkerRow(orderEvent.Stream, orderEvent.Sequence), "*", cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.NotFound)
        {
            // Cleared by another relay already.
        }
    }

    private static TableRow Marker(string partition, OrderEvent orderEvent) =>
        new(partition, EventKeys.MarkerRow(orderEvent.Stream, orderEvent.Sequence), new Dictionary<string, object?>());

    // The refusals' partition and every zone (the zone list is one small partition).
    private async Task<List<string>> PartitionsAsync(CancellationToken cancellationToken)
    {
        var partitions = new List<string> { EventKeys.RefusalPartition };
        await foreach (var row in tables.QueryAsync(_table, new TableQuery { PartitionKey = EntityKeys.ZoneListPartition }, cancellationToken))
            partitions.Add(row.RowKey);
        return partitions;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Events of {Stream} ({Count}) not relayed after the commit, left for the sweep: {Error}")]
    private static partial void LogLeftForSweep(ILogger logger, string stream, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event sweep: {Count} events of partition {Partition} not relayed, left for the next sweep: {Error}")]
    private static partial void LogBatchFailed(ILogger logger, string partition, int count, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event sweep relayed {Count} events a crash or failure had left pending")]
    private static partial void LogSwept(ILogger logger, int count);
}
