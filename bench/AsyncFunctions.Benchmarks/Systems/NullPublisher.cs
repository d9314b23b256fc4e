using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>A publisher that drops everything: the direct baseline calls the assigner itself, with no broker in between.</summary>
internal sealed class NullPublisher : IMessagePublisher
{
    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
