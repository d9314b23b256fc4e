namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>What one run cost per assigned order, from the core's counters (and the consumers' receives).</summary>
internal sealed record CostSample(double TableOps, double BusOps, double Receives, double Conflicts, IReadOnlyDictionary<string, double> ByKind)
{
    /// <summary>Batches sent to the order-events topic (part of <see cref="BusOps"/>).</summary>
    public double EventPublishes { get; init; }
}
