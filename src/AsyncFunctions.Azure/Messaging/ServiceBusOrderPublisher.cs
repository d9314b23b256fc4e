using AsyncFunctions.Core.Messaging;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Messaging;

/// <summary>
/// The core's publisher over a <see cref="ServiceBusSender"/> for the orders queue. A message with a
/// ScheduledEnqueueTime is scheduled (the broker holds it until then); any other is sent now.
/// Failures propagate: the core decides whether that means "the sweeper will publish it" or "abandon".
/// </summary>
public sealed class ServiceBusOrderPublisher(ServiceBusSender sender) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        var outgoing = ToServiceBusMessage(message);
        if (message.ScheduledEnqueueTime is { } enqueueAt)
            await sender.ScheduleMessageAsync(outgoing, enqueueAt, cancellationToken);
        else
            await sender.SendMessageAsync(outgoing, cancellationToken);
    }

    internal static ServiceBusMessage ToServiceBusMessage(OutboundMessage message)
    {
        var outgoing = new ServiceBusMessage(message.Body)
        {
            MessageId = message.MessageId,
            ContentType = message.ContentType,
            CorrelationId = message.CorrelationId,
            SessionId = message.SessionId,
        };
        foreach (var (name, value) in message.ApplicationProperties)
            outgoing.ApplicationProperties[name] = value;
        return outgoing;
    }
}
