namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>Which form of the assignment protocol a system runs, as Dispatch:* settings.</summary>
internal sealed record CoreVariant(string Name, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>The engine as shipped: optimistic claim, per-zone gate, cached roster.</summary>
    public static CoreVariant Current { get; } = new("current", new Dictionary<string, string?>());

    /// <summary>The protocol as first written: claim written before the pick, roster read per order, no gate.</summary>
    public static CoreVariant Classic { get; } = new("classic", new Dictionary<string, string?>
    {
        ["Dispatch:ClaimBeforeAssign"] = "true",
        ["Dispatch:DriverRosterCacheDuration"] = "00:00:00",
        ["Dispatch:SerializeAssignmentsPerZone"] = "false",
    });

    /// <summary>As shipped, but each instance picks its own among the 8 nearest drivers within 3 km of the nearest (Dispatch:SpreadAmongNearest).</summary>
    public static CoreVariant Spread { get; } = new("spread", new Dictionary<string, string?>
    {
        ["Dispatch:SpreadAmongNearest"] = "8",
        ["Dispatch:SpreadMaxExtraKm"] = "3",
    });
}
