namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// The core's clock, moved only by the scenario. Under Coyote no real time may pass: lock expiry,
/// leases and due retries happen when a scenario task advances this clock, at a point Coyote chooses.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _utcTicks = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
