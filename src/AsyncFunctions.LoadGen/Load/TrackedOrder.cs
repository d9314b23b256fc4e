namespace AsyncFunctions.LoadGen.Load;

/// <summary>An accepted order the run is still polling, with its own backoff so slow orders cost fewer polls.</summary>
internal sealed class TrackedOrder(string orderId, DateTimeOffset firstPollAt)
{
    public static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(2);

    private int _inFlight;

    public string OrderId => orderId;

    public DateTimeOffset NextPollAt { get; private set; } = firstPollAt;

    public TimeSpan Interval { get; private set; } = FirstInterval;

    public string? LastStatus { get; set; }

    public bool TryStartPoll() => Interlocked.CompareExchange(ref _inFlight, 1, 0) == 0;

    public void PollDone(DateTimeOffset now)
    {
        NextPollAt = now + Interval;
        Interval = TimeSpan.FromTicks(Math.Min(Interval.Ticks * 2, MaxInterval.Ticks));
        Volatile.Write(ref _inFlight, 0);
    }
}
