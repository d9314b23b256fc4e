namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>One pipeline run: orders assigned per second and each order's submit-to-Assigned latency in milliseconds.</summary>
internal sealed record PipelineSample(double OrdersPerSecond, double P50Ms, double P99Ms, int Orders);
