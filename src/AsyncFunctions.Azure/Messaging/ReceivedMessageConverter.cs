using AsyncFunctions.Core.Messaging;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Messaging;

/// <summary>Copies what the core reads from a <see cref="ServiceBusReceivedMessage"/> into its own <see cref="InboundMessage"/>.</summary>
public static class ReceivedMessageConverter
{
    public static InboundMessage ToInbound(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new InboundMessage(MessageIdOf(message), message.Body.ToMemory())
        {
            ContentType = message.ContentType,
            CorrelationId = message.CorrelationId,
            SessionId = message.SessionId,
            ApplicationProperties = message.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            DeliveryCount = message.DeliveryCount,
            SequenceNumber = message.SequenceNumber,
            EnqueuedTime = message.EnqueuedTime,
            DeadLetterReason = message.DeadLetterReason,
            DeadLetterErrorDescription = message.DeadLetterErrorDescription,
            DeadLetterSource = message.DeadLetterSource,
        };
    }

    // A partner may send without a MessageId; the sequence number still names this message uniquely in its queue.
    private static string MessageIdOf(ServiceBusReceivedMessage message) =>
        string.IsNullOrEmpty(message.MessageId) ? $"seq-{message.SequenceNumber}" : message.MessageId;
}
