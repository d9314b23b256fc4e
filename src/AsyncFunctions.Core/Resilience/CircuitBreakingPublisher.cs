using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Resilience;

/// <summary>Runs every send and schedule through the bus breaker; while it is open a send fails at once (BrokenCircuitException).</summary>
public sealed class CircuitBreakingPublisher(IMessagePublisher inner, DependencyCircuit circuit) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        await circuit.ExecuteAsync(async ct =>
        {
            await inner.SendAsync(message, ct);
            return true;
        }, cancellationToken);
}
