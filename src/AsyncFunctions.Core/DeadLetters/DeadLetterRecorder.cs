using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>
/// Stores each dead-lettered message with its original body and reason, then marks its order
/// DeadLettered. Recording twice is harmless (the id is deterministic), and a late dead-letter of a
/// duplicate never regresses an order that is already Assigned or Delivered, and a late dead-letter of an
/// older copy never kills an order a newer copy is working on (<see cref="LateDeadLetters"/>): the record
/// is kept either way. A message that brought no order of its own (unreadable, invalid, a payload conflict, or never
/// accepted) is answered with an OrderRefused event to its partner (<see cref="RefusalEvents"/>); an order that is
/// marked raises OrderDeadLettered through its transition.
/// </summary>
public sealed class DeadLetterRecorder(DispatchStore store, IOptions<DispatchOptions> options, TimeProvider time, DispatchMetrics? metrics = null)
{
    public async Task<MessageOutcome> RecordAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var parsed = OrderParser.Parse(message.Body, time.GetUtcNow());
        var record = ToRecord(message, parsed.Value?.OrderId ?? OrderIdGuess.From(message.Body));
        try
        {
            await store.AddDeadLetterAsync(record, cancellationToken);
            // Once per dead letter: a redelivery of one already recorded lands in the catch below.
            metrics?.DeadLetterRecorded(record.Reason, record.DeadLetteredAt - message.EnqueuedTime);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.AlreadyExists)
        {
            // A redelivery of a message recorded before: go on to make sure the order is marked.
        }

        var marking = Marking.NotOurs;
        if (parsed.Value is { } order)
        {
            var marked = await MarkOrderAsync(order, record, message, cancellationToken);
            // Contention is the transient path: the record is kept, and the redelivery marks the order.
            if (marked.IsContended)
                return new MessageOutcome.Abandon(marked.ContentionDetail);
            marking = marked.Value;
        }

        // Recorded before the refusal, so a crash in between is redelivered and finds the record (409) and writes the refusal.
        if (marking == Marking.NotOurs)
            await store.AddRefusalAsync(RefusalEvents.Of(record), cancellationToken);

        return new MessageOutcome.Complete($"Dead letter {record.Id} recorded ({record.Reason}).");
    }

    private Task<Attempted<Marking>> MarkOrderAsync(OrderRequest order, DeadLetterRecord deadLetter, InboundMessage message, CancellationToken cancellationToken)
    {
        var hash = OrderFingerprint.Hash(order);
        return ConflictRetry.RunAsync(options.Value.MaxConflictRetries, async _ =>
        {
            var current = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken);
            // Unknown order, or a conflicting copy of someone else's order id: nothing of ours to mark.
            // Resolved (perhaps Assigned meanwhile), or a straggler older than the copy now working on
            // the order: a late dead letter never regresses it.
            if (current is null || current.PayloadHash != hash)
                return Marking.NotOurs;
            if (LateDeadLetters.ReasonToLeaveAlone(current, message, time.GetUtcNow()) is not null)
                return Marking.LeftAlone;
            await store.UpdateOrderAsync(current.MarkDeadLettered(deadLetter.Reason, deadLetter.Description, time.GetUtcNow()), cancellationToken);
            return Marking.Marked;
        }, $"Order {order.OrderId} kept changing while being marked DeadLettered");
    }

    private DeadLetterRecord ToRecord(InboundMessage message, string? orderId)
    {
        var truncated = message.Body.Length > DeadLetterRecord.MaxBodyBytes;
        return new DeadLetterRecord
        {
            Id = DeadLetterIds.Of(message),
            MessageId = message.MessageId,
            OrderId = orderId,
            Reason = message.DeadLetterReason ?? "Unknown",
            Description = Clip(message.DeadLetterErrorDescription ?? "", 4096),
            DeliveryCount = message.DeliveryCount,
            SequenceNumber = message.SequenceNumber,
            EnqueuedTime = message.EnqueuedTime,
            DeadLetteredAt = time.GetUtcNow(),
            ContentType = message.ContentType is { } type ? Clip(type, 256) : null,
            CorrelationId = message.CorrelationId is { } correlation ? Clip(correlation, 256) : null,
            Source = OrderMessages.SourceOf(message),
            Body = truncated ? message.Body[..DeadLetterRecord.MaxBodyBytes] : message.Body,
            BodyTruncated = truncated,
        };
    }

    // NotOurs: no accepted order of this payload (unknown, or someone else's id): the message itself is refused.
    private enum Marking
    {
        Marked,
        LeftAlone,
        NotOurs,
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
