using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Diagnostics;
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

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(int take, CancellationToken cancellationToken) =>
        [.. (await store.ListDeadLettersAsync(Math.Clamp(take, 1, MaxListed), cancellationToken)).Select(r => r.ToSummary())];

    /// <summary>POST /api/deadletters/{id}/replay: 202, 404 unknown, 503 when a concurrent replay kept moving the record.</summary>
    public async Task<DispatchResult<DeadLetterSummary>> ReplayAsync(string id, CancellationToken cancellationToken)
    {
        using var activity = DispatchTracing.StartInternal("replay");
        activity?.SetTag("dispatch.deadletter.id", id);
        // A concurrent replay of the same record moves it on: each round continues from its state.
        var replayed = await ConflictRetry.RunAsync(options.Value.MaxConflictRetries,
            _ => ReplayOnceAsync(id, cancellationToken), $"Dead letter {id} kept changing while being replayed");
        return replayed.IsContended ? DispatchResult<DeadLetterSummary>.Contended(replayed.ContentionDetail) : replayed.Value;
    }

    private async Task<DispatchResult<DeadLetterSummary>> ReplayOnceAsync(string id, CancellationToken cancellationToken)
    {
        var record = await GetAsync(id, cancellationToken);
        if (record is null)
            return DispatchResult<DeadLetterSummary>.NotFound($"No dead letter with id '{id}'.");
        if (record.ReplaySent)
            return DispatchResult<DeadLetterSummary>.Accepted(record.ToSummary());

        if (record.ReplayedAt is null)
            record = await store.UpdateDeadLetterAsync(record with { ReplayedAt = time.GetUtcNow(), ReplayMessageId = DeadLetterIds.ReplayMessageId(record.Id) }, cancellationToken);

        var revived = await ReviveOrderAsync(record, cancellationToken);
        if (revived.IsContended)
            return DispatchResult<DeadLetterSummary>.Contended(revived.ContentionDetail);
        await publisher.SendAsync(ReplayMessage(record, revived.Value.Order), cancellationToken);
        record = await store.UpdateDeadLetterAsync(record with { ReplaySent = true }, cancellationToken);
        return DispatchResult<DeadLetterSummary>.Accepted(record.ToSummary());
    }

    private Task<DeadLetterRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        !TableLimits.IsValidKey(id) || id.Length == 0 ? Task.FromResult<DeadLetterRecord?>(null) : store.GetDeadLetterAsync(id, cancellationToken);

    /// <summary>A dead-lettered order goes back to NeedsAssignment with a fresh wait budget; any other order is left as it is.</summary>
    private Task<Attempted<Revival>> ReviveOrderAsync(DeadLetterRecord record, CancellationToken cancellationToken)
    {
        var parsed = OrderParser.Parse(record.Body, time.GetUtcNow());
        if (!parsed.IsValid)
            return Task.FromResult(Attempted<Revival>.Done(new Revival(null)));
        var order = parsed.Value;
        return ConflictRetry.RunAsync(options.Value.MaxConflictRetries, async _ =>
        {
            var current = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken);
            if (current is null || current.PayloadHash != OrderFingerprint.Hash(order) || current.Status != OrderStatus.DeadLettered)
                return new Revival(current);
            return new Revival(await store.UpdateOrderAsync(current.Revive(time.GetUtcNow()), cancellationToken));
        }, $"Order {order.OrderId} kept changing during replay");
    }

    /// <summary>The order a replay belongs to, if it is known (a value, so that "no order" is not "no result").</summary>
    private sealed record Revival(OrderRecord? Order);

    private static OutboundMessage ReplayMessage(DeadLetterRecord record, OrderRecord? order) =>
        new(record.ReplayMessageId!, record.Body)
        {
            ContentType = record.ContentType ?? "application/json",
            CorrelationId = record.CorrelationId,
            SessionId = order?.Zone ?? OrderMessages.UnzonedSession,
            ApplicationProperties = OrderMessages.WithTrace(order, new Dictionary<string, object>
            {
                [MessageProperties.Source] = record.Source ?? "partner",
                [MessageProperties.Attempt] = order?.Attempts ?? 0,
                [MessageProperties.Reason] = OrderMessages.Replay,
                [MessageProperties.ReplayOf] = record.Id,
                [MessageProperties.OrderId] = order?.OrderId ?? record.OrderId ?? record.Id,
            }),
        };
}
