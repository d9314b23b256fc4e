using AsyncFunctions.Core.Configuration;
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
/// is kept either way.
/// </summary>
public sealed class DeadLetterRecorder(DispatchStore store, IOptions<DispatchOptions> options, TimeProvider time)
{
    public async Task<MessageOutcome> RecordAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var parsed = OrderParser.Parse(message.Body, time.GetUtcNow());
        var record = ToRecord(message, parsed.Value?.OrderId ?? OrderIdGuess.From(message.Body));
        try
        {
            await store.Tables.AddAsync(store.Names.DeadLetterTable, record.ToRow(), cancellationToken);
        }
        catch (TableStorageException ex) when (ex.Kind == TableErrorKind.AlreadyExists)
        {
            // A redelivery of a message recorded before: go on to make sure the order is marked.
        }

        if (parsed.Value is { } order)
            await MarkOrderAsync(order, record, message, cancellationToken);
        return new MessageOutcome.Complete($"Dead letter {record.Id} recorded ({record.Reason}).");
    }

    private async Task MarkOrderAsync(OrderRequest order, DeadLetterRecord deadLetter, InboundMessage message, CancellationToken cancellationToken)
    {
        var hash = OrderFingerprint.Hash(order);
        for (var round = 0; round < options.Value.MaxConflictRetries; round++)
        {
            var current = await store.GetOrderAsync(order.Zone, order.OrderId, cancellationToken);
            // Unknown order, or a conflicting copy of someone else's order id: nothing of ours to mark.
            if (current is null || current.PayloadHash != hash || LateDeadLetters.ReasonToLeaveAlone(current, message, time.GetUtcNow()) is not null)
                return;
            try
            {
                await store.UpdateOrderAsync(current.MoveTo(OrderStatus.DeadLettered, time.GetUtcNow()) with
                {
                    LeaseUntil = null,
                    ClaimedBy = null,
                    NextAttemptAt = null,
                    LastError = $"{deadLetter.Reason}: {deadLetter.Description}",
                }, cancellationToken);
                return;
            }
            catch (TableStorageException ex) when (ex.Kind == TableErrorKind.PreconditionFailed)
            {
                // Changed meanwhile (perhaps Assigned): look again.
            }
        }

        throw new TableStorageException(TableErrorKind.Transient, $"Order {order.OrderId} kept changing while being marked DeadLettered.");
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

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
