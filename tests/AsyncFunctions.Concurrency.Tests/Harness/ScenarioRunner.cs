using System.Diagnostics;
using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// Runs one scenario under a Coyote TestingEngine: the configured number of iterations, each a fresh
/// world and a different schedule, stopping at the first bug. A bug's trace is written to a file so it
/// can be replayed exactly (COYOTE_REPLAY), and the seed is printed so the exploration can be repeated.
/// </summary>
public static class ScenarioRunner
{
    public static ScenarioResult Run(string scenario, Func<Task> iteration, CoyoteSettings settings)
    {
        var replay = settings.ReplayTrace is { } path && Path.GetFileName(path).StartsWith(scenario + ".", StringComparison.Ordinal)
            ? File.ReadAllText(path)
            : null;
        var configuration = Configure(settings, replay);

        uint ran = 0;
        var watch = Stopwatch.StartNew();
        using var engine = TestingEngine.Create(configuration, iteration);
        engine.RegisterStartIterationCallBack(_ => ran++);
        engine.Run();
        watch.Stop();

        var report = engine.TestReport;
        var bugFound = report.NumOfFoundBugs > 0;
        string? tracePath = null;
        if (bugFound)
        {
            var folder = Path.Combine(Path.GetTempPath(), "asyncfunctions-coyote");
            Directory.CreateDirectory(folder);
            tracePath = Path.Combine(folder, $"{scenario}.{settings.Seed}.trace.json");
            File.WriteAllText(tracePath, engine.ReproducibleTrace);
        }

        var result = new ScenarioResult(scenario, replay is null ? settings.Strategy : "replay", settings.Seed, ran, bugFound,
            bugFound ? string.Join(" | ", report.BugReports) : null, tracePath, report.UncontrolledInvocations, watch.Elapsed);
        Console.WriteLine(result.Summary);
        if (bugFound)
            Console.WriteLine($"  bug: {result.Bug}");
        foreach (var invocation in result.UncontrolledInvocations)
            Console.WriteLine($"  uncontrolled: {invocation}");
        return result;
    }

    private static Configuration Configure(CoyoteSettings settings, string? replay)
    {
        var configuration = Configuration.Create()
            .WithTestingIterations(replay is null ? settings.Iterations : 1)
            .WithRandomGeneratorSeed(settings.Seed)
            // Every await the core makes must be under Coyote's control; anything else fails the run instead of hiding a schedule.
            .WithPartiallyControlledConcurrencyAllowed(false)
            // Interleavings happen at the port calls (storage, sends), tasks, awaits and the zone gate, as they do between
            // instances in production. Coyote's finer race checks on collections and atomics would also switch inside the
            // in-memory store's and broker's System.Threading.Lock sections, which Coyote 1.7 does not model.
            .WithCollectionAccessRaceCheckingEnabled(false)
            .WithAtomicOperationRaceCheckingEnabled(false)
            .WithVolatileOperationRaceCheckingEnabled(false)
            .WithMaxSchedulingSteps(5000)
            // A real deadlock (every task blocked) is still found exactly. What the periodic monitor flags as a
            // "potential" deadlock is an operation that took over a second of wall time: on a loaded shared build
            // machine that is load (the first iteration also JIT-compiles the core), not a bug.
            .WithDeadlockTimeout(10_000)
            .WithPotentialDeadlocksReportedAsBugs(false);
        if (replay is not null)
            return configuration.WithReproducibleTrace(replay);
        return settings.Strategy switch
        {
            "pct" => configuration.WithPrioritizationStrategy(isFair: false, priorityChangeBound: 10),
            "random" => configuration.WithRandomStrategy(),
            "probabilistic" => configuration.WithProbabilisticStrategy(10),
            _ => throw new InvalidOperationException($"COYOTE_STRATEGY must be pct, random or probabilistic (got '{settings.Strategy}')."),
        };
    }
}
