using System.Collections.Concurrent;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Keeps every message the host sends instead of queueing it, to look at what intake put on the bus.</summary>
public sealed class RecordingPublisher : IMessagePublisher
{
    public ConcurrentQueue<OutboundMessage> Sent { get; } = new();

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        Sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
