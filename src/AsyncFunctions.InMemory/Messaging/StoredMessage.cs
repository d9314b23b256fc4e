using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>A message as the broker keeps it between deliveries.</summary>
internal sealed class StoredMessage(OutboundMessage sent, long sequenceNumber, DateTimeOffset enqueuedTime)
{
    public OutboundMessage Sent { get; } = sent;

    public long SequenceNumber { get; } = sequenceNumber;

    public DateTimeOffset EnqueuedTime { get; } = enqueuedTime;

    public int DeliveryCount { get; set; }

    public string? DeadLetterReason { get; set; }

    public string? DeadLetterErrorDescription { get; set; }

    public string? DeadLetterSource { get; set; }

    public InboundMessage ToInbound() => new(Sent.MessageId, Sent.Body)
    {
        ContentType = Sent.ContentType,
        CorrelationId = Sent.CorrelationId,
        SessionId = Sent.SessionId,
        ApplicationProperties = Sent.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value),
        DeliveryCount = DeliveryCount,
        SequenceNumber = SequenceNumber,
        EnqueuedTime = EnqueuedTime,
        DeadLetterReason = DeadLetterReason,
        DeadLetterErrorDescription = DeadLetterErrorDescription,
        DeadLetterSource = DeadLetterSource,
    };
}
