using AsyncFunctions.Testing.Reporting;

namespace AsyncFunctions.Testing.Outages;

/// <summary>The figures of one outage run: what was lost or dead-lettered, how often messages were delivered, how fast it recovered, what intake answered.</summary>
public sealed record OutageReport
{
    public required string Scenario { get; init; }

    public required int Accepted { get; init; }

    public required int DeadLetteredOrders { get; init; }

    public required int DeadLetterRecords { get; init; }

    public required int Lost { get; init; }

    public required int DoubleAssigned { get; init; }

    public required int OverCapacityWrites { get; init; }

    public required int Unresolved { get; init; }

    /// <summary>Intake answers while the outage lasted, by status (202, 200, 503, 500).</summary>
    public required IReadOnlyDictionary<int, int> IntakeDuringOutage { get; init; }

    public required double DeliveriesPerOrder { get; init; }

    public required int MaxDeliveriesPerOrder { get; init; }

    /// <summary>The most deliveries any one order got while the dependency was down: the tight-loop check.</summary>
    public required int MaxDeliveriesPerOrderDuringOutage { get; init; }

    /// <summary>Simulated time from the end of the outage until every accepted order was resolved.</summary>
    public required TimeSpan RecoveredAfter { get; init; }

    public required long OutageFailures { get; init; }

    public required TimeSpan WallClock { get; init; }

    public required IReadOnlyList<string> Violations { get; init; }

    public int Intake(int status) => IntakeDuringOutage.GetValueOrDefault(status);

    public override string ToString() => new RunReportText()
        .Line("scenario", $"{Scenario}")
        .Line("orders accepted", $"{Accepted}; dead-lettered {DeadLetteredOrders} (records {DeadLetterRecords}); unresolved {Unresolved}")
        .Invariants(Lost, DoubleAssigned, OverCapacityWrites, Violations.Count)
        .Line("intake during outage", $"{RunReportText.Tally(IntakeDuringOutage, ": ")}")
        .Line("deliveries per order", $"mean {DeliveriesPerOrder:F2}, max {MaxDeliveriesPerOrder}, max during the outage {MaxDeliveriesPerOrderDuringOutage}")
        .Line("recovery", $"all resolved {RecoveredAfter.TotalSeconds:F1} s (simulated) after the outage ended")
        .Line("calls failed by it", $"{OutageFailures}; wall clock {WallClock.TotalSeconds:F1} s")
        .ToString();
}
