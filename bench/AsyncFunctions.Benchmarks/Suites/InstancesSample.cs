namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>One timed run of the instances suite: assigned orders per second, and per order the ETag conflicts and table operations.</summary>
internal sealed record InstancesSample(double OrdersPerSecond, double ConflictsPerOrder, double TableOpsPerOrder, double EntitiesReadPerOrder);
