using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>Counts sends and schedules on their way to the broker.</summary>
public sealed class MeteredPublisher(IMessagePublisher inner, DispatchMetrics metrics) : IMessagePublisher
{
    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        metrics.BusOperation(message.ScheduledEnqueueTime is null ? "send" : "schedule");
        return inner.SendAsync(message, cancellationToken);
    }
}
