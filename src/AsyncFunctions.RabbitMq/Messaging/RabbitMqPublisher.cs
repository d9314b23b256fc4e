using AsyncFunctions.Core.Messaging;
using AsyncFunctions.RabbitMq.Topology;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// The core's publisher on RabbitMQ. A message due now goes to the orders queue; a scheduled one to the delay
/// queue that fits its due time (<see cref="DelayBuckets"/>), from where it dead-letters back into orders.
/// Every send waits for the broker's confirm. There is no duplicate detection: two sends of one MessageId are
/// two messages, which the core tolerates by design (the status entity, not the broker, makes a copy harmless).
/// </summary>
public sealed class RabbitMqPublisher(RabbitMqConnection connection, ConfirmedSender sender, TimeProvider time) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The same rule Service Bus applies, so a message that works here works there.
        if (string.IsNullOrEmpty(message.MessageId) || message.MessageId.Length > 128)
            throw new ArgumentException("MessageId must be 1 to 128 characters, as Service Bus requires.", nameof(message));
        var now = time.GetUtcNow();
        var properties = MessageConverter.ToProperties(message, now);
        var bucket = message.ScheduledEnqueueTime is { } due ? DelayBuckets.For(due - now) : null;
        var queue = bucket is { } delay ? connection.Topology.DelayQueue(delay) : connection.Topology.Orders;
        await sender.PublishAsync(queue, properties, message.Body, cancellationToken);
    }
}
