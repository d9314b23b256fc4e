using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;
using Xunit.Abstractions;

namespace AsyncFunctions.Faults.Tests;

/// <summary>
/// The invariants of ARCHITECTURE.md under everything at once: thousands of orders, concurrent
/// consumers, partner duplicates and conflicting copies, lock expiries, crashes before and after
/// every storage call, send and settlement, and transient failures (some after the write applied).
/// </summary>
public sealed class InvariantsUnderFaultsTests(ITestOutputHelper output)
{
    private static readonly FaultPlan Storm = FaultPlan.Storm;

    /// <param name="sessionHolders">0: the queue without sessions; 2: sessions keyed by zone, as the orders queue is in
    /// Azure, served by two instances that hold two of the four zones each and hand them over when idle or stalled.</param>
    /// <param name="orders">Orders in the run (fewer with sessions, to keep the suite's time).</param>
    [Theory]
    [InlineData(0, 2_000)]
    [InlineData(2, 1_000)]
    public async Task RunAsync_StormOfFaults_NothingLostNothingAssignedTwiceNoDriverOverCapacity(int sessionHolders, int orders)
    {
        var report = await ChaosHarness.RunAsync(new ChaosScenario { Orders = orders, Consumers = 8, SessionHolders = sessionHolders }, Storm);
        output.WriteLine(report.ToString());

        // The faults really happened, so the checks below were really tested.
        Assert.True(report.Faults.Transient > 0 && report.Faults.Ambiguous > 0 && report.Faults.Crashes > 0, "faults were injected");
        Assert.True(report.Faults.LockExpiries > 0 && report.Faults.Duplicates > 0 && report.Faults.Conflicts > 0, "deliveries were disturbed");
        Assert.True(report.Deliveries > 0, "capacity was freed and reused");

        Assert.True(report.Drained, report.ToString());
        Assert.Equal(orders, report.Accepted);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
        Assert.Equal(report.Accepted, report.Count("Assigned") + report.Count("Delivered") + report.Count("DeadLettered"));

        // Every change raised its event, stored with it, and the topic delivered each once: histories complete, none lost.
        var events = report.Events!;
        Assert.True(events.Stored >= 2 * report.Accepted, $"at least accepted + a final event per order: {events.Stored}");
        Assert.True(events.Refusals > 0, "conflicting partner copies were refused with an event");
        Assert.Equal((0, 0), (events.Lost, events.Duplicates));
        Assert.Equal(events.Stored, events.Received);
    }

    [Fact]
    public async Task RunAsync_NoFaults_EveryOrderAssignedAndNothingDeadLettered()
    {
        var report = await ChaosHarness.RunAsync(new ChaosScenario { Orders = 500, Consumers = 4 }, FaultPlan.None);
        output.WriteLine(report.ToString());

        Assert.True(report.Drained, report.ToString());
        Assert.Equal(500, report.Accepted);
        Assert.Equal(500, report.Count("Assigned") + report.Count("Delivered"));
        Assert.Equal(0, report.DeadLetterRecords);
        Assert.Empty(report.Violations);
    }

    [Fact]
    public async Task RunAsync_SixteenConsumersOnOneZone_NeverOverCapacity()
    {
        // Maximum contention: every consumer races for the same few drivers.
        var scenario = new ChaosScenario { Orders = 600, Zones = 1, DriversPerZone = 4, DriverCapacity = 2, Consumers = 16 };
        var report = await ChaosHarness.RunAsync(scenario, Storm with { ConflictRate = 0, DuplicateRate = 0.3 });
        output.WriteLine(report.ToString());

        Assert.True(report.Drained, report.ToString());
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
    }
}
