namespace AsyncFunctions.Infra.Tests.Bicep;

/// <summary>One run of the Bicep CLI: what was asked, its exit code and its output.</summary>
public sealed record BicepRun(string Arguments, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Errors, warnings and infos the CLI printed (it writes diagnostics to stderr).</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public override string ToString() => $"bicep {Arguments} → exit {ExitCode}\n{StandardError}{StandardOutput}";
}
