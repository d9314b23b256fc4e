using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Local.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Dashboard.Tests;

public sealed class AssignmentRateMonitorTests
{
    [Fact]
    public void Read_AssignmentsInPastSeconds_BucketsPerSecondAndIgnoresOtherHosts()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new SteppedTime(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var monitor = new AssignmentRateMonitor(services.GetRequiredService<IMeterFactory>(), time);
        using var metrics = new DispatchMetrics(services.GetRequiredService<IMeterFactory>());
        using var otherHost = new DispatchMetrics(otherServices.GetRequiredService<IMeterFactory>());

        metrics.Assigned("zone-a");
        metrics.Assigned("zone-a");
        otherHost.Assigned("zone-a");
        time.Advance(TimeSpan.FromSeconds(1));
        metrics.Assigned("zone-b");
        time.Advance(TimeSpan.FromSeconds(1));
        metrics.Assigned("zone-b");

        var rate = monitor.Read();

        Assert.Equal(4, rate.Total);
        Assert.Equal(AssignmentRateMonitor.WindowSeconds, rate.LastMinute.Count);
        // The running second (one assignment) is left out; the two before it are the last two buckets.
        Assert.Equal([2L, 1L], rate.LastMinute.TakeLast(2));
        Assert.Equal(3.0 / 5, rate.PerSecond, precision: 6);
    }

    [Fact]
    public void Read_AfterAMinuteOfSilence_ForgetsOldBuckets()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new SteppedTime(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var monitor = new AssignmentRateMonitor(services.GetRequiredService<IMeterFactory>(), time);
        using var metrics = new DispatchMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.Assigned("zone-a");
        time.Advance(TimeSpan.FromSeconds(AssignmentRateMonitor.WindowSeconds + 1));

        var rate = monitor.Read();
        Assert.Equal(1, rate.Total);
        Assert.All(rate.LastMinute, count => Assert.Equal(0, count));
    }

    private sealed class SteppedTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
