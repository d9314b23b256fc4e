using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Local.Dashboard;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>p50/p99 of submit → Assigned from the time_to_assigned histogram, over the recent window, this host only.</summary>
public sealed class AssignmentLatencyMonitorTests
{
    [Fact]
    public void Read_HundredKnownTimings_GivesTheNearestRankPercentilesAndIgnoresOtherHosts()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var monitor = new AssignmentLatencyMonitor(services.GetRequiredService<IMeterFactory>(), new OffsetTime());
        using var metrics = new DispatchMetrics(services.GetRequiredService<IMeterFactory>());
        using var otherHost = new DispatchMetrics(otherServices.GetRequiredService<IMeterFactory>());

        // 1 s .. 100 s in a scrambled order (37 is coprime with 100, so every value comes once).
        for (var i = 0; i < 100; i++)
            metrics.AssignedAfter("zone-a", TimeSpan.FromSeconds(1 + (i * 37 % 100)), awaitingDriver: null);
        otherHost.AssignedAfter("zone-a", TimeSpan.FromHours(1), awaitingDriver: null);

        var latency = monitor.Read();

        Assert.Equal(100, latency.Count);
        Assert.Equal(50.0, latency.P50Seconds);
        Assert.Equal(99.0, latency.P99Seconds);
    }

    [Fact]
    public void Read_OneSlowOutlier_ShowsInP99NotInP50()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var monitor = new AssignmentLatencyMonitor(services.GetRequiredService<IMeterFactory>(), new OffsetTime());
        using var metrics = new DispatchMetrics(services.GetRequiredService<IMeterFactory>());

        for (var i = 0; i < 9; i++)
            metrics.AssignedAfter("zone-a", TimeSpan.FromMilliseconds(20), awaitingDriver: null);
        metrics.AssignedAfter("zone-a", TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(85));

        var latency = monitor.Read();

        Assert.Equal(0.02, latency.P50Seconds!.Value, precision: 9);
        Assert.Equal(90.0, latency.P99Seconds);
    }

    [Fact]
    public void Read_AssignmentsOlderThanTheWindow_AreForgotten()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new OffsetTime();
        using var monitor = new AssignmentLatencyMonitor(services.GetRequiredService<IMeterFactory>(), time);
        using var metrics = new DispatchMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.AssignedAfter("zone-a", TimeSpan.FromSeconds(600), awaitingDriver: null);
        time.Advance(TimeSpan.FromSeconds(AssignmentLatencyMonitor.WindowSeconds + 1));
        Assert.Equal(new AssignmentLatency(AssignmentLatencyMonitor.WindowSeconds, 0, null, null), monitor.Read());

        metrics.AssignedAfter("zone-a", TimeSpan.FromSeconds(2), awaitingDriver: null);
        var latency = monitor.Read();
        Assert.Equal(1, latency.Count);
        Assert.Equal(2.0, latency.P50Seconds);
        Assert.Equal(2.0, latency.P99Seconds);
    }
}
