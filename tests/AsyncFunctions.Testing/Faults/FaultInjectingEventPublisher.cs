using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Faults;

/// <summary>The events topic with the plan's faults: a crash or a transient failure before the send, or after it (sent, then failed).</summary>
public sealed class FaultInjectingEventPublisher(IEventPublisher inner, FaultInjector faults) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default)
    {
        try
        {
            await faults.RunSendAsync(async () =>
            {
                await inner.PublishAsync(events, cancellationToken);
                return true;
            });
        }
        catch (TableStorageException injected)
        {
            // Same injected fault, in the shape a Service Bus client would surface it.
            throw new IOException($"Service Bus send to the topic failed: {injected.Message}", injected);
        }
    }
}
