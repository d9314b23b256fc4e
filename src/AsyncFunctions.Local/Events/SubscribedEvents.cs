using AsyncFunctions.Core.Events;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Local.Events;

/// <summary>How the local host's own readers of the events topic (the dashboard, the event stream) take one message off their subscription.</summary>
public static class SubscribedEvents
{
    /// <summary>
    /// The event, completed on the subscription; or null when the message is not one of our CloudEvents (sequence
    /// missing, not a number or out of range), which is kept on the subscription's dead-letter queue with why, not dropped.
    /// </summary>
    public static async Task<ReceivedEvent?> TakeAsync(LockedMessage locked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locked);
        ReceivedEvent received;
        try
        {
            received = CloudEventMessages.Read(locked.Message.ApplicationProperties, locked.Message.Body);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            await locked.DeadLetterAsync("MalformedEvent", ex.Message, cancellationToken);
            return null;
        }

        await locked.CompleteAsync(cancellationToken);
        return received;
    }
}
