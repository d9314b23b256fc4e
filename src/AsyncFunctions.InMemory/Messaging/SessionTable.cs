namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// The available messages of a session-enabled entity, one FIFO per session, and which <see cref="SessionHolder"/> holds
/// each session. A session is let go when its holder had nothing in flight for the holder's idle timeout, or heard
/// nothing for a lock duration (a holder that died: Service Bus's session lock expires the same way). Callers hold
/// the entity's lock.
/// </summary>
internal sealed class SessionTable(TimeSpan lockDuration)
{
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<SessionHolder, int> _held = [];

    public int AvailableCount { get; private set; }

    public void Enqueue(StoredMessage message)
    {
        var id = message.Sent.SessionId!;
        if (!_sessions.TryGetValue(id, out var session))
            _sessions[id] = session = new Session();
        session.Available.Enqueue(message, message.SequenceNumber);
        AvailableCount++;
    }

    /// <summary>
    /// The oldest message <paramref name="holder"/> may take now: from a session it holds with a call to spare, else from
    /// a session nobody holds (which it then holds), if it holds fewer than its maximum.
    /// </summary>
    public StoredMessage? TryTake(SessionHolder holder, DateTimeOffset now)
    {
        LetGo(now);
        var chosen = Oldest(s => ReferenceEquals(s.Holder, holder) && s.InFlight < holder.CallsPerSession);
        if (chosen is null && _held.GetValueOrDefault(holder) < holder.MaxSessions)
        {
            chosen = Oldest(s => s.Holder is null);
            if (chosen is not null)
            {
                chosen.Holder = holder;
                _held[holder] = _held.GetValueOrDefault(holder) + 1;
            }
        }

        if (chosen is null)
            return null;
        chosen.InFlight++;
        chosen.LastActivity = now;
        AvailableCount--;
        return chosen.Available.Dequeue();
    }

    /// <summary>
    /// A message of the session was settled (<paramref name="byHolder"/>: the holder was heard from, which keeps its
    /// session lock) or its lock expired (the holder was not): one call fewer in flight either way.
    /// </summary>
    public void Settled(string sessionId, DateTimeOffset now, bool byHolder)
    {
        if (!_sessions.TryGetValue(sessionId, out var session))
            return;
        session.InFlight = Math.Max(0, session.InFlight - 1);
        if (byHolder)
            session.LastActivity = now;
    }

    /// <summary>A lock renewal keeps the session's lock too, as Service Bus renews both.</summary>
    public void Touch(string sessionId, DateTimeOffset now)
    {
        if (_sessions.TryGetValue(sessionId, out var session))
            session.LastActivity = now;
    }

    /// <summary>The sessions <paramref name="holder"/> holds now (what the session tests check).</summary>
    public IReadOnlyList<string> HeldBy(SessionHolder holder, DateTimeOffset now)
    {
        LetGo(now);
        return [.. _sessions.Where(s => ReferenceEquals(s.Value.Holder, holder)).Select(s => s.Key).Order(StringComparer.Ordinal)];
    }

    /// <summary>How long until a held session is let go, so a receiver waiting for one wakes then.</summary>
    public TimeSpan? NextLetGo(DateTimeOffset now)
    {
        TimeSpan? next = null;
        foreach (var session in _sessions.Values)
        {
            if (session.Holder is not { } holder)
                continue;
            var at = ReleaseAt(session, holder);
            var wait = at - now;
            if (next is null || wait < next)
                next = wait;
        }

        return next;
    }

    private void LetGo(DateTimeOffset now)
    {
        List<string>? empty = null;
        foreach (var (id, session) in _sessions)
        {
            if (session.Holder is { } holder && now >= ReleaseAt(session, holder))
            {
                session.Holder = null;
                _held[holder]--;
            }

            if (session.Holder is null && session.InFlight == 0 && session.Available.Count == 0)
                (empty ??= []).Add(id);
        }

        // A session with nothing in it and no holder is only a name: forget it, so zones that come and go cost nothing.
        foreach (var id in empty ?? [])
            _sessions.Remove(id);
    }

    private DateTimeOffset ReleaseAt(Session session, SessionHolder holder) =>
        session.InFlight == 0 ? session.LastActivity + Min(holder.IdleTimeout, lockDuration) : session.LastActivity + lockDuration;

    private Session? Oldest(Func<Session, bool> eligible)
    {
        Session? oldest = null;
        long oldestSequence = long.MaxValue;
        foreach (var session in _sessions.Values)
        {
            if (eligible(session) && session.Available.TryPeek(out _, out var sequence) && sequence < oldestSequence)
            {
                oldest = session;
                oldestSequence = sequence;
            }
        }

        return oldest;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Session
    {
        public PriorityQueue<StoredMessage, long> Available { get; } = new();

        public SessionHolder? Holder { get; set; }

        public int InFlight { get; set; }

        public DateTimeOffset LastActivity { get; set; }
    }
}
