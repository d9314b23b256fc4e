using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Functions.Adapters;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Triggers;

/// <summary>Assigns a driver to each order message; the core decides, this settles the message exactly once.</summary>
public sealed class AssignOrder(OrderMessageProcessor processor)
{
    [Function(nameof(AssignOrder))]
    public async Task RunAsync(
        [ServiceBusTrigger("%OrdersQueueName%", Connection = "ServiceBusConnection", AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions messageActions,
        CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(
            ReceivedMessageConverter.ToInbound(message),
            new ServiceBusMessageSettlement(message, messageActions),
            cancellationToken);
    }
}
