using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Functions.Adapters;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Triggers;

/// <summary>
/// Assigns a driver to each order message; the core decides, this settles the message exactly once. The queue is
/// session-enabled and every message's SessionId is its order's zone, so one instance holds a zone at a time and
/// instances do not race for its drivers (docs/performance.md); host.json says how many zones an instance serves
/// (maxConcurrentSessions) and how many of a zone's orders at once (maxConcurrentCallsPerSession).
/// </summary>
public sealed class AssignOrder(OrderMessageProcessor processor)
{
    [Function(nameof(AssignOrder))]
    public async Task RunAsync(
        [ServiceBusTrigger("%OrdersQueueName%", Connection = "ServiceBusConnection", AutoCompleteMessages = false, IsSessionsEnabled = true)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions messageActions,
        CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(
            ReceivedMessageConverter.ToInbound(message),
            new ServiceBusMessageSettlement(message, messageActions),
            cancellationToken);
    }
}
