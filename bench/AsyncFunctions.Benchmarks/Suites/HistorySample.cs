namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>What one operation cost: table operations, entities read (all, and by queries alone) and scanning queries.</summary>
internal sealed record HistorySample(double Operations, double EntitiesRead, double QueryEntitiesRead, double Scans);
