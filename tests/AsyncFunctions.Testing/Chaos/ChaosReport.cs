using System.Globalization;
using System.Text;
using AsyncFunctions.Testing.Faults;

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
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"orders accepted      {Accepted} ({ViaIntake} via intake, {ViaPartner} via partner messages)");
        text.AppendLine(c, $"final status         {string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}");
        text.AppendLine(c, $"dead-letter records  {DeadLetterRecords}");
        text.AppendLine(c, $"deliveries handled   {Deliveries}");
        text.AppendLine(c, $"faults injected      transient {Faults.Transient}, applied-then-failed {Faults.Ambiguous}, crashes {Faults.Crashes}, lock expiries {Faults.LockExpiries}");
        text.AppendLine(c, $"partner copies sent  duplicates {Faults.Duplicates}, conflicting payloads {Faults.Conflicts}; settlements refused (lock lost) {Faults.LockLost}");
        text.AppendLine(c, $"invariants           lost {Lost}, double-assigned {DoubleAssigned}, over-capacity writes {OverCapacityWrites}, violations {Violations.Count}");
        if (Events is { } events)
            text.AppendLine(c, $"order events         stored {events.Stored} ({events.Refusals} refusals), received {events.Received}, lost {events.Lost}, duplicates after detection {events.Duplicates}, out of order {events.OutOfOrder}");
        text.Append(c, $"elapsed              {Elapsed.TotalSeconds:F1} s ({(Drained ? "drained" : "drain timed out")})");
        foreach (var violation in Violations.Take(20))
            text.Append(c, $"{Environment.NewLine}  violation: {violation}");
        return text.ToString();
    }
}
