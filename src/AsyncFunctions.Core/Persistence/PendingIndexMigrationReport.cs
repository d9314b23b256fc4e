namespace AsyncFunctions.Core.Persistence;

/// <summary>What one run of <see cref="PendingIndexMigration"/> found and wrote.</summary>
public sealed class PendingIndexMigrationReport
{
    /// <summary>Zones with orders, each now on the zone list.</summary>
    public int Zones { get; set; }

    /// <summary>Orders read by the scan.</summary>
    public int Orders { get; set; }

    /// <summary>Orders written with the index rows their state needs.</summary>
    public int Written { get; set; }

    /// <summary>Orders that changed between the scan and their write (the engine's write indexed them).</summary>
    public int ChangedMeanwhile { get; set; }
}
