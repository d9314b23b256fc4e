using AsyncFunctions.Core.Handling;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Local.Workers;

/// <summary>The RecordDeadLetter trigger of the local host: one loop over orders/$DeadLetterQueue.</summary>
internal sealed class DeadLetterConsumer(InMemoryQueue queue, DeadLetterMessageProcessor processor, DependencyCircuits circuits, ILogger<DeadLetterConsumer> logger)
    : MessagePump(concurrency: 1, logger, [circuits.Storage])
{
    protected override string Entity => $"{queue.Name}/$DeadLetterQueue";

    protected override Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        queue.ReceiveDeadLetterAsync(maxWait, cancellationToken);

    protected override Task ProcessAsync(LockedMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message.Message, message, cancellationToken);
}
