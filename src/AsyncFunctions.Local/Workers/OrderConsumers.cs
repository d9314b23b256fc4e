using AsyncFunctions.Core.Handling;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Local.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Workers;

/// <summary>The AssignOrder trigger of the local host: Local:Consumers loops over the "orders" queue.</summary>
internal sealed class OrderConsumers(InMemoryQueue queue, OrderMessageProcessor processor, IOptions<LocalHostOptions> options, DependencyCircuits circuits, ILogger<OrderConsumers> logger)
    : MessagePump(options.Value.Consumers, logger, [circuits.Storage, circuits.Bus])
{
    protected override string Entity => queue.Name;

    protected override Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        queue.ReceiveAsync(maxWait, cancellationToken);

    protected override Task ProcessAsync(LockedMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message.Message, message, cancellationToken);
}
