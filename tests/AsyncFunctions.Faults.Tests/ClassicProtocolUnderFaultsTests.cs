using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;
using Xunit.Abstractions;

namespace AsyncFunctions.Faults.Tests;

/// <summary>
/// The protocol's explicit form (claim written before the pick, roster read per order, no zone gate)
/// stays a supported setting, so it must keep the invariants under faults too.
/// </summary>
public sealed class ClassicProtocolUnderFaultsTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Classic = new()
    {
        ["Dispatch:ClaimBeforeAssign"] = "true",
        ["Dispatch:DriverRosterCacheDuration"] = "00:00:00",
        ["Dispatch:SerializeAssignmentsPerZone"] = "false",
    };

    [Fact]
    public async Task RunAsync_ClassicProtocolUnderStorm_NothingLostNothingAssignedTwice()
    {
        var plan = FaultPlan.Storm with { ConflictRate = 0 };
        var report = await ChaosHarness.RunAsync(new ChaosScenario { Orders = 600, Zones = 2, Consumers = 8 }, plan, Classic);
        output.WriteLine(report.ToString());

        Assert.True(report.Faults.Crashes > 0 && report.Faults.Transient > 0, "faults were injected");
        Assert.True(report.Drained, report.ToString());
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
    }
}
