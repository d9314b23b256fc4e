namespace AsyncFunctions.InMemory.Messaging;

/// <summary>Service Bus duplicate detection: a MessageId seen within the window is a duplicate. Not thread-safe; callers lock.</summary>
internal sealed class DuplicateWindow(TimeSpan window)
{
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string MessageId, DateTimeOffset SeenAt)> _order = new();

    /// <summary>True when <paramref name="messageId"/> was seen within the window; otherwise remembers it.</summary>
    public bool IsDuplicate(string messageId, DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.SeenAt > window)
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.MessageId, out var seenAt) && seenAt == oldest.SeenAt)
                _seen.Remove(oldest.MessageId);
        }

        if (_seen.ContainsKey(messageId))
            return true;
        _seen[messageId] = now;
        _order.Enqueue((messageId, now));
        return false;
    }
}
