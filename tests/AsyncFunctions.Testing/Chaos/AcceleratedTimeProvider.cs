using System.Diagnostics;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// Simulated time that runs <see cref="Factor"/> times faster than the wall clock, timers included, so a
/// minute-long outage with production backoffs, leases and lock durations fits in a few seconds of a test.
/// Everything the engine and the broker time (TimeProvider) speeds up together; only the harness's own
/// pacing is real time.
/// </summary>
public sealed class AcceleratedTimeProvider(double factor) : TimeProvider
{
    private readonly DateTimeOffset _start = System.GetUtcNow();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();

    public double Factor => factor;

    public override DateTimeOffset GetUtcNow() => _start + Stopwatch.GetElapsedTime(_startTimestamp) * factor;

    public override long GetTimestamp() => _startTimestamp + (long)((Stopwatch.GetTimestamp() - _startTimestamp) * factor);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>How long <paramref name="simulated"/> takes on the wall clock.</summary>
    public TimeSpan Scale(TimeSpan simulated) =>
        simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero ? simulated : simulated / factor;

    private sealed class ScaledTimer(ITimer inner, AcceleratedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Scale(dueTime), clock.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
