using AsyncFunctions.Testing.Faults;
using AsyncFunctions.Testing.Reporting;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>The figures of one chaos run and every invariant violation found.</summary>
public sealed record ChaosReport
{
    public required int Accepted { get; init; }

    public required int ViaIntake { get; init; }

    public required int ViaPartner { get; init; }

    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }

    public required int DeadLetterRecords { get; init; }

    public required int Lost { get; init; }

    public required int DoubleAssigned { get; init; }

    public required int OverCapacityWrites { get; init; }

    public required long Deliveries { get; init; }

    public required FaultCounters Faults { get; init; }

    public required TimeSpan Elapsed { get; init; }

    public required bool Drained { get; init; }

    public required IReadOnlyList<string> Violations { get; init; }

    /// <summary>The audit of the order events (stored, published, lost, duplicates after detection).</summary>
    public EventAudit? Events { get; init; }

    public int Count(string status) => ByStatus.GetValueOrDefault(status);

    public override string ToString()
    {
        var text = new RunReportText()
            .Line("orders accepted", $"{Accepted} ({ViaIntake} via intake, {ViaPartner} via partner messages)")
            .Line("final status", $"{RunReportText.Tally(ByStatus, " ")}")
            .Line("dead-letter records", $"{DeadLetterRecords}")
            .Line("deliveries handled", $"{Deliveries}")
            .Line("faults injected", $"transient {Faults.Transient}, applied-then-failed {Faults.Ambiguous}, crashes {Faults.Crashes}, lock expiries {Faults.LockExpiries}")
            .Line("partner copies sent", $"duplicates {Faults.Duplicates}, conflicting payloads {Faults.Conflicts}; settlements refused (lock lost) {Faults.LockLost}")
            .Invariants(Lost, DoubleAssigned, OverCapacityWrites, Violations.Count);
        if (Events is { } events)
            text.Line("order events", $"stored {events.Stored} ({events.Refusals} refusals), received {events.Received}, lost {events.Lost}, duplicates after detection {events.Duplicates}, out of order {events.OutOfOrder}");
        text.Line("elapsed", $"{Elapsed.TotalSeconds:F1} s ({(Drained ? "drained" : "drain timed out")})");
        foreach (var violation in Violations.Take(20))
            text.Detail("violation", violation);
        return text.ToString();
    }
}
