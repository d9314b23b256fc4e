using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Events;

/// <summary>Counts each batch sent to the events topic as one bus operation (kind "publish-events"), as the cost suite reads it.</summary>
public sealed class MeteredEventPublisher(IEventPublisher inner, DispatchMetrics metrics) : IEventPublisher
{
    public Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default)
    {
        metrics.BusOperation("publish-events");
        return inner.PublishAsync(events, cancellationToken);
    }
}
