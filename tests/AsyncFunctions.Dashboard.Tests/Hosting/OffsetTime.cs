namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>
/// The system clock plus an offset a test moves forward: timers and delays keep running in real time (the
/// host's loops still work), while every timestamp the host takes (acceptance, assignment) jumps on request.
/// </summary>
public sealed class OffsetTime : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
