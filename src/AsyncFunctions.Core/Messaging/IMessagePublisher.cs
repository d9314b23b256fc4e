namespace AsyncFunctions.Core.Messaging;

/// <summary>Sends to the orders queue (ServiceBusSender over Azure; the in-process broker locally).</summary>
public interface IMessagePublisher
{
    /// <summary>Sends now, or schedules when <see cref="OutboundMessage.ScheduledEnqueueTime"/> is set. Throws on failure.</summary>
    Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default);
}
