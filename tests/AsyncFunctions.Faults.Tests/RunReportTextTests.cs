using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;
using AsyncFunctions.Testing.Outages;

namespace AsyncFunctions.Faults.Tests;

/// <summary>
/// The printed figures of the fault and outage suites, which the README and docs/reliability.md quote:
/// both reports share one layout (labels in one column, the invariant line worded once).
/// </summary>
public sealed class RunReportTextTests
{
    [Fact]
    public void ChaosReport_ToString_PrintsEachFigureUnderItsLabelAndTheViolations()
    {
        var faults = new FaultCounters();
        faults.AddTransient();
        faults.AddCrash();
        faults.AddCrash();
        var report = new ChaosReport
        {
            Accepted = 20,
            ViaIntake = 15,
            ViaPartner = 5,
            ByStatus = new Dictionary<string, int> { ["Delivered"] = 18, ["Assigned"] = 2 },
            DeadLetterRecords = 1,
            Lost = 0,
            DoubleAssigned = 1,
            OverCapacityWrites = 0,
            Deliveries = 31,
            Faults = faults,
            Elapsed = TimeSpan.FromSeconds(15.8),
            Drained = true,
            Violations = ["order o-3 assigned twice"],
        };

        Assert.Equal(string.Join(Environment.NewLine,
            "orders accepted      20 (15 via intake, 5 via partner messages)",
            "final status         Assigned 2, Delivered 18",
            "dead-letter records  1",
            "deliveries handled   31",
            "faults injected      transient 1, applied-then-failed 0, crashes 2, lock expiries 0",
            "partner copies sent  duplicates 0, conflicting payloads 0; settlements refused (lock lost) 0",
            "invariants           lost 0, double-assigned 1, over-capacity writes 0, violations 1",
            "elapsed              15.8 s (drained)",
            "  violation: order o-3 assigned twice"), report.ToString());
    }

    [Fact]
    public void OutageReport_ToString_PrintsEachFigureUnderItsLabel()
    {
        var report = new OutageReport
        {
            Scenario = "storage-60s",
            Accepted = 40,
            DeadLetteredOrders = 0,
            DeadLetterRecords = 0,
            Lost = 0,
            DoubleAssigned = 0,
            OverCapacityWrites = 0,
            Unresolved = 0,
            IntakeDuringOutage = new Dictionary<int, int> { [503] = 7, [202] = 3 },
            DeliveriesPerOrder = 1.254,
            MaxDeliveriesPerOrder = 3,
            MaxDeliveriesPerOrderDuringOutage = 1,
            RecoveredAfter = TimeSpan.FromSeconds(12.2),
            OutageFailures = 90,
            WallClock = TimeSpan.FromSeconds(4),
            Violations = [],
        };

        Assert.Equal(string.Join(Environment.NewLine,
            "scenario             storage-60s",
            "orders accepted      40; dead-lettered 0 (records 0); unresolved 0",
            "invariants           lost 0, double-assigned 0, over-capacity writes 0, violations 0",
            "intake during outage 202: 3, 503: 7",
            "deliveries per order mean 1.25, max 3, max during the outage 1",
            "recovery             all resolved 12.2 s (simulated) after the outage ended",
            "calls failed by it   90; wall clock 4.0 s"), report.ToString());
    }
}
