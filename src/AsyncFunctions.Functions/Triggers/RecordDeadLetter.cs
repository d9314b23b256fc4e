using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Functions.Adapters;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Triggers;

/// <summary>
/// Records each message of the orders queue's dead-letter sub-queue (path "&lt;queue&gt;/$DeadLetterQueue")
/// with its original body and reason, then completes it; abandons it if it could not be recorded.
/// </summary>
public sealed class RecordDeadLetter(DeadLetterMessageProcessor processor)
{
    [Function(nameof(RecordDeadLetter))]
    public async Task RunAsync(
        [ServiceBusTrigger("%OrdersQueueName%/$DeadLetterQueue", Connection = "ServiceBusConnection", AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions messageActions,
        CancellationToken cancellationToken)
    {
        await processor.ProcessAsync(
            ReceivedMessageConverter.ToInbound(message),
            new ServiceBusMessageSettlement(message, messageActions),
            cancellationToken);
    }
}
