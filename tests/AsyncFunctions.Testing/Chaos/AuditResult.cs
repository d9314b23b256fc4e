namespace AsyncFunctions.Testing.Chaos;

/// <summary>What the auditor found in the final state.</summary>
public sealed record AuditResult(
    IReadOnlyDictionary<string, int> ByStatus,
    int DeadLetterRecords,
    int Lost,
    int DoubleAssigned,
    int OverCapacityWrites,
    IReadOnlyList<string> Violations)
{
    /// <summary>The order events against the final state (<see cref="EventHistoryAuditor"/>).</summary>
    public EventAudit? Events { get; init; }
}
