using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// Sends order events to the <c>order-events</c> topic (a ServiceBusSender on the topic over Azure; the in-process
/// topic locally). The topic's duplicate detection drops a second copy of a MessageId, so re-sends are harmless.
/// </summary>
public interface IEventPublisher
{
    /// <summary>Sends the messages as one batch, all or none. Throws on failure.</summary>
    Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default);
}
