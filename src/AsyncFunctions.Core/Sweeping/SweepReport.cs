namespace AsyncFunctions.Core.Sweeping;

/// <summary>What one sweep found and re-published.</summary>
public sealed record SweepReport(int Republished, int ReleasedClaims, int Skipped);
