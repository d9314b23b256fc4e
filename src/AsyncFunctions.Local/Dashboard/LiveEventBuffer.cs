namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// The newest <see cref="Capacity"/> events received on the dashboard subscription, oldest overwritten: a ring,
/// so memory stays fixed however long the host runs and however fast events arrive.
/// </summary>
public sealed class LiveEventBuffer
{
    public const int Capacity = 50;

    private readonly Lock _gate = new();
    private readonly LiveEvent[] _ring = new LiveEvent[Capacity];
    private long _received;

    /// <summary>Events added since the host started, including those already overwritten.</summary>
    public long Received { get { lock (_gate) return _received; } }

    public void Add(LiveEvent liveEvent)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        lock (_gate)
        {
            _ring[_received % Capacity] = liveEvent;
            _received++;
        }
    }

    /// <summary>Newest first, in the order the subscription delivered them.</summary>
    public IReadOnlyList<LiveEvent> Read()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_received, Capacity);
            var newest = new LiveEvent[count];
            for (var i = 0; i < count; i++)
                newest[i] = _ring[(_received - 1 - i) % Capacity];
            return newest;
        }
    }
}
