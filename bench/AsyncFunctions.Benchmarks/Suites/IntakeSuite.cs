using System.Net;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Http;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Http.Routing;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>POST /api/orders per second on Kestrel with the real contract and core, against a parse-only endpoint in the same process.</summary>
internal static class IntakeSuite
{
    private const int Connections = 8;

    private static async Task<LoadSample> RunOnFreshServerAsync(string path, int maxRequests, TimeSpan limit)
    {
        await using var server = await BenchServer.StartAsync();
        using var client = new LoadClient(server.Address, Connections);
        return await client.RunAsync(path, maxRequests, limit, HttpStatusCode.Accepted);
    }

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var limit = TimeSpan.FromSeconds(arguments.Quick ? 1 : 3);
        var maxRequests = arguments.Quick ? 20_000 : 100_000;
        BenchReport.Section(
            $"intake: POST /api/orders on Kestrel 127.0.0.1, {Connections} connections, {limit.TotalSeconds:F0} s or {maxRequests} requests per run, client in the same process",
            $"POST {BenchServer.BarePath}: reads and parses the same JSON body, answers 202 (same process, same Kestrel)");

        // A fresh server (empty store and queue) per run: otherwise every run inherits the previous runs'
        // orders and unconsumed messages, and the subject would be measured against a growing heap.
        var (baseline, subject) = await Alternation.RunAsync(arguments.RoundCount,
            () => RunOnFreshServerAsync(BenchServer.BarePath, maxRequests, limit),
            () => RunOnFreshServerAsync(DispatchRoutes.Orders, maxRequests, limit));

        var unexpected = baseline.Sum(s => s.Unexpected) + subject.Sum(s => s.Unexpected);
        if (unexpected > 0)
            throw new InvalidOperationException($"{unexpected} responses were not 202; the figure would be meaningless.");
        // Where the difference goes: the core's intake alone, in process, against parsing the same body.
        var (parseOnly, intakeOnly) = await Alternation.RunAsync(arguments.RoundCount,
            () => CoreIntakeMeasurement.ParseOnlyAsync(arguments.Quick ? 5_000 : 20_000),
            () => CoreIntakeMeasurement.SubmitAsync(arguments.Quick ? 5_000 : 20_000));
        report.Add(new Figure("intake", "core intake alone (OrderIntake.SubmitAsync)", Samples.Median(intakeOnly), Samples.Median(parseOnly), "µs/order", null));
        report.Add(new Figure("intake", "POST /api/orders requests per second", Samples.Median([.. subject.Select(s => s.RequestsPerSecond)]),
            Samples.Median([.. baseline.Select(s => s.RequestsPerSecond)]), "requests/s", null)); // information since issue 13: CPU only (docs/performance.md)
    }
}
