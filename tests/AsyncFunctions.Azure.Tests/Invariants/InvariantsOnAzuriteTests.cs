using AsyncFunctions.Azure.Tests.Azurite;
using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;
using Xunit.Abstractions;

namespace AsyncFunctions.Azure.Tests.Invariants;

/// <summary>
/// The fault/invariant suite of tests/AsyncFunctions.Faults.Tests, with the real
/// <see cref="Azure.Tables.AzureTableStore"/> on Azurite under the engine instead of the in-memory
/// store: every ETag, 409, 412 and transaction the invariants rest on is the table service's own.
/// Faults are injected above the adapter; the ledger watches the writes the service applied.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InvariantsOnAzuriteTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Round-trips to a real service are ~100x slower than in memory: fewer orders, longer locks, so
    // that the run still turns leases and locks over many times and ends in well under a minute.
    private static readonly ChaosScenario Scenario = new()
    {
        Orders = 200,
        Zones = 3,
        DriversPerZone = 8,
        DriverCapacity = 3,
        Consumers = 6,
        LockDuration = TimeSpan.FromSeconds(1),
        DrainTimeout = TimeSpan.FromSeconds(120),
    };

    [Fact]
    public async Task RunAsync_StormOfFaultsOnAzurite_NothingLostNothingAssignedTwiceNoDriverOverCapacity()
    {
        var report = await ChaosHarness.RunAsync(Scenario, FaultPlan.Storm with { SlowCallRate = 0 }, store: new TablePerTestStore(azurite.CreateServiceClient()));
        output.WriteLine(report.ToString());

        // The faults really happened, so the checks below were really tested.
        Assert.True(report.Faults.Transient > 0 && report.Faults.Ambiguous > 0 && report.Faults.Crashes > 0, "faults were injected: " + report);
        Assert.True(report.Faults.LockExpiries > 0 && report.Faults.Duplicates > 0, "deliveries were disturbed: " + report);

        Assert.True(report.Drained, report.ToString());
        Assert.Equal(Scenario.Orders, report.Accepted);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
        Assert.Equal(report.Accepted, report.Count("Assigned") + report.Count("Delivered") + report.Count("DeadLettered"));
    }
}
