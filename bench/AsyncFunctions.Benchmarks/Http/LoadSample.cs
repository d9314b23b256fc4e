namespace AsyncFunctions.Benchmarks.Http;

/// <summary>One load run: requests answered per second, and how many were not the expected status.</summary>
internal sealed record LoadSample(double RequestsPerSecond, int Requests, int Unexpected);
