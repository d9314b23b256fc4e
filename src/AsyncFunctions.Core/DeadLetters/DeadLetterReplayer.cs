using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>
/// Lists dead letters and re-sends one on purpose. A replay gets a MessageId of its own (the
/// broker would drop the original id as a duplicate), revives its order, and is safe to call twice:
/// every step is recorded before the next, and a repeat finishes whatever a crash interrupted.
/// </summary>
public sealed class DeadLetterReplayer(DispatchStore store, IMessagePublisher publisher, IOptions<DispatchOptions> options, TimeProvider time)
{
    public const int MaxListed = 500;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(int take, CancellationToken cancellationToken)
    {
        var query = new TableQuery { PartitionKey = EntityKeys.DeadLetterPartition, Take = Math.Clamp(take, 1, MaxListed) };
        var list = new List<DeadLetterSummary>();
        await foreach (var row in store.Tables.QueryAsync(store.Names.DeadLetterTable, query, cancellationToken))
            list.Add(DeadLetterRecord.FromRow(row).ToSummary());
        return list;
    }

    public async Task<DispatchResult<DeadLetterSummary>> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            try
            {
                return await ReplayOnceAsync(id, cancellationToken);
            }
            catch (TableStorageException ex) when (ex.Kind == TableErrorKind.PreconditionFailed && round < options.Value.MaxConflictRetries)
            {
                // A concurrent replay of the same record moved it on: continue from its state.
            }
        }
    }

    private async Task<DispatchResult<DeadLetterSummary>> ReplayOnceAsync(string id, CancellationToken cancellationToken)
    {
        var record = await GetAsync(id, cancellationToken);
        if (record is null)
            return DispatchResult<DeadLetterSummary>.NotFound($"No dead letter with id '{id}'.");
        if (record.ReplaySent)
            return DispatchResult<DeadLetterSummary>.Accepted(record.ToSummary());

        if (record.ReplayedAt is null)
            record = await SaveAsync(record with { ReplayedAt = time.GetUtcNow(), ReplayMessageId = DeadLetterIds.ReplayMessageId(record.Id) }, cancellationToken);

        var order = await ReviveOrderAsync(record, cancellationToken);
        await publisher.SendAsync(ReplayMessage(record, order), cancellationToken);
        record = await SaveAsync(record with { ReplaySent = true }, cancellationToken);
        return DispatchResult<DeadLetterSummary>.Accepted(record.ToSummary());
    }

    private async Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TableLimits.IsValidKey(id) || id.Length == 0)
            return null;
        var row = await store.Tables.GetAsync(store.Names.DeadLetterTable, EntityKeys.DeadLetterPartition, id, cancellationToken);
        return row is null ? null : DeadLetterRecord.FromRow(row);
    }

    private async Task<DeadLetterRecord> SaveAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        var etag = await store.Tables.UpdateAsync(store.Names.DeadLetterTable, record.ToRow(), record.ETag, cancellationToken);
        return record with { ETag = etag };
    }

    /// <summary>A dead-lettered order goes back to NeedsAssignment with a fresh wait budget.</summary>
    private async Task<OrderRecord?> ReviveOrderAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        var parsed = OrderParser.Parse(record.Body, time.GetUtcNow());
        if (parsed.Value is not { } order)
            return null;
        for (var round = 0; round < options.Value.MaxConflictRetries; round++)
        {
            var current = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken);
            if (current is null || current.PayloadHash != OrderFingerprint.Hash(order) || current.Status != OrderStatus.DeadLettered)
                return current;
            try
            {
                return await store.UpdateOrderAsync(current.MoveTo(OrderStatus.NeedsAssignment, time.GetUtcNow()) with
                {
                    AwaitingSince = null,
                    NextAttemptAt = time.GetUtcNow(),
                    LastError = null,
                }, cancellationToken);
            }
            catch (TableStorageException ex) when (ex.Kind == TableErrorKind.PreconditionFailed)
            {
            }
        }

        throw new TableStorageException(TableErrorKind.Transient, $"Order {order.OrderId} kept changing during replay.");
    }

    private static OutboundMessage ReplayMessage(DeadLetterRecord record, OrderRecord? order) =>
        new(record.ReplayMessageId!, record.Body)
        {
            ContentType = record.ContentType ?? "application/json",
            CorrelationId = record.CorrelationId,
            ApplicationProperties = new Dictionary<string, object>
            {
                [MessageProperties.Source] = record.Source ?? "partner",
                [MessageProperties.Attempt] = order?.Attempts ?? 0,
                [MessageProperties.Reason] = OrderMessages.Replay,
                [MessageProperties.ReplayOf] = record.Id,
            },
        };
}
