using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Local.Events;

/// <summary>Opens one <see cref="EventStreamSession"/> per connected client, each on a subscription named <c>stream-{n}</c>.</summary>
public sealed class EventStreamHub(InMemoryTopic? topic, TimeProvider time)
{
    public const string SubscriptionPrefix = "stream-";

    /// <summary>Events a client may fall behind by before its stream is ended: about a second of a heavy load run.</summary>
    public const int Capacity = 1024;

    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    private long _opened;

    /// <summary>False when the host has no in-process events topic to stream from.</summary>
    public bool IsAvailable => topic is not null;

    /// <summary>The subscription exists when this returns: the client gets every event published from now on.</summary>
    public EventStreamSession Open()
    {
        var current = topic ?? throw new InvalidOperationException("The host has no in-process events topic.");
        return new EventStreamSession(current, SubscriptionPrefix + Interlocked.Increment(ref _opened), time);
    }
}
