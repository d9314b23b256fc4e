using System.Globalization;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>What one Coyote exploration of a scenario found.</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Strategy,
    uint Seed,
    uint Iterations,
    bool BugFound,
    string? Bug,
    string? TracePath,
    IReadOnlyCollection<string> UncontrolledInvocations,
    TimeSpan Elapsed)
{
    /// <summary>The one-line report every scenario prints.</summary>
    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"coyote {Scenario}: {Iterations} iterations, strategy {Strategy}, seed {Seed}, {(BugFound ? "BUG FOUND" : "no bug")}, {Elapsed.TotalSeconds:F1} s, uncontrolled invocations {UncontrolledInvocations.Count}");

    /// <summary>The summary, and for a bug what it was and the two ways to replay it.</summary>
    public string Describe(string testFilter)
    {
        if (!BugFound)
            return Summary;
        return string.Join(Environment.NewLine,
            Summary,
            $"bug: {Bug}",
            $"replay the trace:  COYOTE_REPLAY={TracePath} dotnet test tests/AsyncFunctions.Concurrency.Tests --filter \"{testFilter}\"",
            string.Create(CultureInfo.InvariantCulture,
                $"re-explore the seed: COYOTE_SEED={Seed} COYOTE_STRATEGY={Strategy} COYOTE_ITERATIONS={Iterations} dotnet test tests/AsyncFunctions.Concurrency.Tests --filter \"{testFilter}\""));
    }
}
