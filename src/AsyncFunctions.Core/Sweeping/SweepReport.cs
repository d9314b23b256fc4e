namespace AsyncFunctions.Core.Sweeping;

/// <summary>What one sweep found and re-published.</summary>
public sealed record SweepReport(int Republished, int ReleasedClaims, int Skipped)
{
    /// <summary>Delivered orders deleted because they outlived Dispatch:DeliveredRetention (0 when it is off).</summary>
    public int Purged { get; init; }

    /// <summary>True when the run was skipped because the storage breaker is open.</summary>
    public bool PausedByOutage { get; init; }

    /// <summary>The breaker recovery this run caught up on (every order due before it re-published), or null for a normal run.</summary>
    public DateTimeOffset? CaughtUpAfter { get; init; }
}
