using System.Globalization;
using System.Text;

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

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"scenario             {Scenario}");
        text.AppendLine(CultureInfo.InvariantCulture, $"orders accepted      {Accepted}; dead-lettered {DeadLetteredOrders} (records {DeadLetterRecords}); unresolved {Unresolved}");
        text.AppendLine(CultureInfo.InvariantCulture, $"invariants           lost {Lost}, double-assigned {DoubleAssigned}, over-capacity writes {OverCapacityWrites}, violations {Violations.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"intake during outage {string.Join(", ", IntakeDuringOutage.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}");
        text.AppendLine(CultureInfo.InvariantCulture, $"deliveries per order mean {DeliveriesPerOrder:F2}, max {MaxDeliveriesPerOrder}, max during the outage {MaxDeliveriesPerOrderDuringOutage}");
        text.AppendLine(CultureInfo.InvariantCulture, $"recovery             all resolved {RecoveredAfter.TotalSeconds:F1} s (simulated) after the outage ended");
        text.Append(CultureInfo.InvariantCulture, $"calls failed by it   {OutageFailures}; wall clock {WallClock.TotalSeconds:F1} s");
        return text.ToString();
    }
}
