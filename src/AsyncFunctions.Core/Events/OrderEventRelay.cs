using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// The relay of the event outbox. Right after a commit that stored events, <see cref="PublishCommittedAsync"/>
/// sends them to the topic and deletes their pending markers (one batch send, one delete or transaction). A
/// crash or failure in between leaves the markers, and <see cref="SweepAsync"/> finds them by one RowKey range
/// per partition, sends again and clears: the MessageId is the event id, so the topic's duplicate detection drops
/// a copy that was sent before. Nothing is lost (the marker was written with the change), nothing is sent twice
/// within the detection window, which must stay longer than <see cref="DispatchOptions.StaleAfter"/>.
/// </summary>
public sealed partial class OrderEventRelay(
    ITableStore tables,
    IOptions<TableNames> names,
    IEventPublisher publisher,
    IOptions<DispatchOptions> options,
    TimeProvider time,
    ILogger<OrderEventRelay> logger)
{
    /// <summary>At most this many markers per sweep, so one sweep's work stays bounded.</summary>
    public const int BatchSize = 500;

    private readonly string _table = names.Value.DispatchTable;

    /// <summary>
    /// The hot path: publishes what a commit just stored. Never throws for a failed send or delete: the change is
    /// committed either way and the sweep relays what is left. Returns whether everything was sent and cleared.
    /// </summary>
    public async Task<bool> PublishCommittedAsync(string partition, IReadOnlyList<OrderEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return true;
        try
        {
            await PublishAndClearAsync(partition, events, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLeftForSweep(logger, events[0].Stream, events.Count, ex.Message);
            return false;
        }
    }

    /// <summary>Relays every event whose marker is older than <see cref="DispatchOptions.StaleAfter"/>; fresher ones are the hot path's.</summary>
    public async Task<EventSweepReport> SweepAsync(CancellationToken cancellationToken)
    {
        var staleBefore = time.GetUtcNow() - options.Value.StaleAfter;
        var budget = BatchSize;
        int relayed = 0, fresh = 0;
        foreach (var partition in await PartitionsAsync(cancellationToken))
        {
            var stale = new List<(string Stream, int Sequence)>();
            var query = TableQuery.PartitionPrefix(partition, EventKeys.MarkerPrefix) with { Take = budget };
            await foreach (var marker in tables.QueryAsync(_table, query, cancellationToken))
            {
                budget--;
                if (marker.GetTime(EventColumns.CreatedAt) is { } createdAt && createdAt >= staleBefore)
                    fresh++;
                else
                    stale.Add((marker.GetString(EventColumns.Stream)!, marker.GetInt(EventColumns.Sequence)));
            }

            var events = new List<OrderEvent>(stale.Count);
            foreach (var (stream, sequence) in stale.OrderBy(m => m.Stream, StringComparer.Ordinal).ThenBy(m => m.Sequence))
            {
                // Written in the marker's own transaction, so it exists.
                var row = await tables.GetAsync(_table, partition, EventKeys.EventRow(stream, sequence), cancellationToken);
                if (row is not null)
                    events.Add(OrderEvent.FromRow(row));
            }

            foreach (var chunk in events.Chunk(TableLimits.MaxTransactionActions))
                await PublishAndClearAsync(partition, chunk, cancellationToken);
            relayed += events.Count;
            if (budget <= 0)
                break;
        }

        if (relayed > 0)
            LogSwept(logger, relayed);
        return new EventSweepReport(relayed, fresh);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Event sweep relayed {Count} events a crash or failure had left pending")]
    private static partial void LogSwept(ILogger logger, int count);
}
