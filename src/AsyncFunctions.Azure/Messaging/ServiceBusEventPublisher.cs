using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Messaging;

/// <summary>
/// The core's event publisher over a <see cref="ServiceBusSender"/> on the <c>order-events</c> topic. The events
/// of one relay call go as one batch send (one round trip, all or none); the CloudEvents attributes are already
/// application properties (<see cref="CloudEventMessages"/>), so this maps them one to one.
/// </summary>
public sealed class ServiceBusEventPublisher(EventTopicSender topic) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            return;
        if (events.Count == 1)
        {
            await topic.Sender.SendMessageAsync(ToServiceBusMessage(events[0]), cancellationToken);
            return;
        }

        await topic.Sender.SendMessagesAsync(events.Select(ToServiceBusMessage), cancellationToken);
    }

    /// <summary>The message on the topic: MessageId = event id (duplicate detection), Subject = the CloudEvents type, for the portal and rules.</summary>
    public static ServiceBusMessage ToServiceBusMessage(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outgoing = ServiceBusOrderPublisher.ToServiceBusMessage(message);
        if (message.ApplicationProperties.TryGetValue(CloudEventMessages.Attribute("type"), out var type))
            outgoing.Subject = type as string;
        return outgoing;
    }
}
