namespace AsyncFunctions.Core.Resilience;

/// <summary>A breaker's state as shown on the dashboard: closed, open or half-open, and since when.</summary>
public sealed record CircuitSnapshot(string Dependency, string State, DateTimeOffset Since, int Openings);
