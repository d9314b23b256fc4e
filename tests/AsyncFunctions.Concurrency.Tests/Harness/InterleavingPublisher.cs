using AsyncFunctions.Core.Messaging;
using Microsoft.Coyote.Runtime;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>Every send is a scheduling point, like a round-trip to Service Bus (see <see cref="InterleavingTableStore"/>).</summary>
public sealed class InterleavingPublisher(IMessagePublisher inner) : IMessagePublisher
{
    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.SendAsync(message, cancellationToken);
    }
}
