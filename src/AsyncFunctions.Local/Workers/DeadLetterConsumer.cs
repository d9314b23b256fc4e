using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Local.Brokers;

namespace AsyncFunctions.Local.Workers;

/// <summary>The RecordDeadLetter trigger of the local host: one loop over orders/$DeadLetterQueue.</summary>
internal sealed class DeadLetterConsumer(ILocalBroker broker, DeadLetterMessageProcessor processor, DependencyCircuits circuits, ILogger<DeadLetterConsumer> logger)
    : MessagePump(concurrency: 1, logger, [circuits.Storage])
{
    protected override string Entity => broker.DeadLetterEntity;

    protected override Task<BrokerDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        broker.ReceiveDeadLetterAsync(maxWait, cancellationToken);

    protected override Task ProcessAsync(BrokerDelivery message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message.Message, message.Settlement, cancellationToken);

    protected override bool IsLockLost(Exception exception) => broker.IsLockLost(exception);
}
