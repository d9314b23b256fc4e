using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Faults;

/// <summary>A publisher whose sends fail transiently, fail after sending, or crash, as the plan says.</summary>
public sealed class FaultInjectingPublisher(IMessagePublisher inner, FaultInjector faults) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            await faults.RunSendAsync(async () =>
            {
                await inner.SendAsync(message, cancellationToken);
                return true;
            });
        }
        catch (TableStorageException injected)
        {
            // Same injected fault, in the shape a Service Bus client would surface it.
            throw new IOException($"Service Bus send failed: {injected.Message}", injected);
        }
    }
}
