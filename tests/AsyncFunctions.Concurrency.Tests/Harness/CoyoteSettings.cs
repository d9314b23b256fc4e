using System.Globalization;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// The exploration budget, from environment variables so CI and the full run use one test command:
/// COYOTE_ITERATIONS (default 200), COYOTE_STRATEGY (pct, random or probabilistic; default pct),
/// COYOTE_SEED (default: a fresh one, printed), COYOTE_REPLAY (a trace file written by a failed run).
/// </summary>
public sealed record CoyoteSettings(uint Iterations, string Strategy, uint Seed, string? ReplayTrace)
{
    public const uint DefaultIterations = 200;
    public const string DefaultStrategy = "pct";

    public static CoyoteSettings FromEnvironment() => new(
        Parse("COYOTE_ITERATIONS") ?? DefaultIterations,
        Environment.GetEnvironmentVariable("COYOTE_STRATEGY") is { Length: > 0 } strategy ? strategy.ToLowerInvariant() : DefaultStrategy,
        Parse("COYOTE_SEED") ?? (uint)Random.Shared.Next(),
        Environment.GetEnvironmentVariable("COYOTE_REPLAY") is { Length: > 0 } replay ? replay : null);

    private static uint? Parse(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
                ? value
                : throw new InvalidOperationException($"{name} must be a positive whole number (got '{text}').")
            : null;
}
