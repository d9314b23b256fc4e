namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>How a scenario's world is set up: the claim form, the queue, and which broken variant (if any) is switched on.</summary>
public sealed record WorldOptions
{
    /// <summary>Dispatch:ClaimBeforeAssign (the explicit InProgress + lease claim) instead of the optimistic one.</summary>
    public bool ClaimBeforeAssign { get; init; }

    public int MaxDeliveryCount { get; init; } = 10;

    /// <summary>Host instances sharing the store and the queue, each with its own core singletons (zone gate, roster cache).</summary>
    public int Instances { get; init; } = 2;

    public BrokenVariant Broken { get; init; } = BrokenVariant.None;

    public static WorldOptions Default { get; } = new();
}
