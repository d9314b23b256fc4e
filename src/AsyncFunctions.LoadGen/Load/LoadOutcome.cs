using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>A finished run (with its summary) or one that could not start (with the reason).</summary>
public sealed record LoadOutcome(LoadSummary? Summary, string? Error, int ExitCode)
{
    public static LoadOutcome Finished(LoadSummary summary) => new(summary, null, summary.IsClean ? ExitCodes.Ok : ExitCodes.Degraded);

    public static LoadOutcome Failed(string error) => new(null, error, ExitCodes.Unreachable);
}
