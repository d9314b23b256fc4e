namespace AsyncFunctions.Testing.Chaos;

/// <summary>What the event audit found: events stored and received, lost, delivered twice, out of order, refusals, and violations.</summary>
public sealed record EventAudit(int Stored, int Received, int Lost, int Duplicates, int OutOfOrder, int Refusals, IReadOnlyList<string> Violations);
