namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// One receiver of a session-enabled queue, as a Service Bus session processor is (one per Function instance): it
/// holds up to <see cref="MaxSessions"/> sessions at a time, takes up to <see cref="CallsPerSession"/> messages of each
/// at once, and lets a session go once it had nothing in flight for <see cref="IdleTimeout"/>. While it holds a session
/// no other holder gets that session's messages. The names follow host.json's maxConcurrentSessions,
/// maxConcurrentCallsPerSession and sessionIdleTimeout.
/// </summary>
public sealed class SessionHolder
{
    public SessionHolder(string name, int maxSessions = 8, int callsPerSession = 16, TimeSpan? idleTimeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(callsPerSession, 1);
        var idle = idleTimeout ?? TimeSpan.FromSeconds(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idle, TimeSpan.Zero, nameof(idleTimeout));
        Name = name;
        MaxSessions = maxSessions;
        CallsPerSession = callsPerSession;
        IdleTimeout = idle;
    }

    public string Name { get; }

    public int MaxSessions { get; }

    public int CallsPerSession { get; }

    public TimeSpan IdleTimeout { get; }

    public override string ToString() => Name;
}
