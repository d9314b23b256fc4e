using AsyncFunctions.Testing.Outages;
using Xunit.Abstractions;

namespace AsyncFunctions.Faults.Tests;

/// <summary>
/// A dependency down under load, in simulated time with production timings: storage for 60 s, the bus
/// for 30 s, both for 60 s. Nothing may be dead-lettered or lost, no order may be delivered in a tight
/// loop while it is down, intake answers only 202 or 503, and everything is assigned after recovery.
/// </summary>
public sealed class OutageTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scenarios => new() { "storage", "bus", "both" };

    private static OutageScenario ScenarioNamed(string name) => name switch
    {
        "storage" => OutageScenario.Storage60s,
        "bus" => OutageScenario.Bus30s,
        _ => OutageScenario.Both60s,
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task RunAsync_DependencyDownUnderLoad_NothingDeadLetteredAndAllAssignedAfterRecovery(string name)
    {
        var scenario = ScenarioNamed(name);

        var report = await OutageHarness.RunAsync(scenario);
        output.WriteLine(report.ToString());

        Assert.True(report.OutageFailures > 0, "the outage really happened");
        Assert.Equal(scenario.Orders, report.Accepted);
        Assert.Equal(0, report.Unresolved);
        Assert.Equal(0, report.DeadLetteredOrders);
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.DoubleAssigned);
        Assert.Equal(0, report.OverCapacityWrites);
        Assert.Empty(report.Violations);
        Assert.True(report.IntakeDuringOutage.Keys.All(status => status is 202 or 200 or 503), report.ToString());
        Assert.True(report.IntakeDuringOutage.Values.Sum() > 0, "intake was called during the outage");
        if (scenario.StorageDown)
            Assert.True(report.Intake(503) > 0, "storage down: intake refused with 503");
        else
            Assert.Equal(0, report.Intake(503));

        // Redelivered at once, an order would be delivered about ten times in a few seconds and then
        // dead-lettered; rescheduled with a growing delay (5, 10, 20, 40 s) it is delivered a handful of times per minute.
        Assert.InRange(report.MaxDeliveriesPerOrderDuringOutage, 0, 8);

        // Orders accepted while the bus was down wait in the status table. Found only once StaleAfter (2 min) had passed,
        // they took about that long (121.9 s measured); the sweep after the bus breaker closes re-publishes them at once.
        if (!scenario.StorageDown)
            Assert.True(report.RecoveredAfter < BusRecoveryBound, $"recovered {report.RecoveredAfter.TotalSeconds:F1} s after the bus came back");
    }

    // Half of StaleAfter (2 min): without the catch-up the last orders accepted in the outage wait at least StaleAfter.
    private static readonly TimeSpan BusRecoveryBound = TimeSpan.FromMinutes(1);
}
