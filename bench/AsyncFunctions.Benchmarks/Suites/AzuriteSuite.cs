using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Testing.Azurite;
using Azure.Data.Tables;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// End to end on Azurite: orders/s through the real <see cref="AzureTableStore"/> (intake, then the assigner on
/// the message built in process, as the pipeline suite's direct baseline; the bus is not what is measured), beside
/// Azurite's own rate for the same four table operations driven with <see cref="TableClient"/> (<see cref="AzuriteFloor"/>),
/// alternating in the same run against one Azurite process. Same workers, one zone partition per worker on both sides.
/// </summary>
internal static class AzuriteSuite
{
    private const int Workers = 8;

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var window = TimeSpan.FromSeconds(arguments.Quick ? 2 : 5);
        var rounds = Math.Min(arguments.RoundCount, arguments.Quick ? 2 : 5);
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"azurite: submit → Assigned on Azurite (in memory, one node process on this machine), {Workers} workers, one zone each, {window.TotalSeconds:F0} s per run, {rounds} rounds"),
            "Azurite's rate for the same four operations driven with TableClient (directory add, order+due transaction, order get, order+driver+due transaction)");
        await using var azurite = await AzuriteProcess.StartAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var names = new TableNames();
        foreach (var table in new[] { names.DispatchTable, names.DirectoryTable, names.DeadLetterTable })
            await service.CreateTableIfNotExistsAsync(table);

        await using var engine = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: false, zones: Workers, driversPerZone: 4, tables: new AzureTableStore(service));
        var floor = new AzuriteFloor(service, names.DispatchTable, names.DirectoryTable);
        var drivers = new string[Workers];
        for (var w = 0; w < Workers; w++)
            drivers[w] = await floor.AddDriverAsync(Zone(w), "floor-" + w.ToString(CultureInfo.InvariantCulture));

        var (baseline, subject) = await Alternation.RunAsync(rounds,
            () => FloorAsync(floor, drivers, window),
            () => EngineAsync(engine, window));
        report.Add(new Figure("azurite", "orders/s, engine on AzureTableStore vs floor", Samples.Median(subject), Samples.Median(baseline), "orders/s", Target.RatioAtLeast(0.8)));
        BenchReport.Note("   the floor's four operations are what the engine's happy path costs (cost suite: 4 table operations per order); both sides share Azurite and the 2 cores");
    }

    private static string Zone(int worker) => "zone-" + worker.ToString(CultureInfo.InvariantCulture);

    private static async Task<double> FloorAsync(AzuriteFloor floor, string[] drivers, TimeSpan window)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var active = 0;
            while (clock.Elapsed < window)
            {
                drivers[w] = await floor.OrderAsync(Zone(w), "floor-" + w.ToString(CultureInfo.InvariantCulture), drivers[w], active++);
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> EngineAsync(BenchSystem engine, TimeSpan window)
    {
        var intake = engine.Get<OrderIntake>();
        var assigner = engine.Get<OrderAssigner>();
        long done = 0, sequence = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            while (clock.Elapsed < window)
            {
                var (id, body) = OrderBodies.InZone(w);
                await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
                var message = new InboundMessage(id, body) { ContentType = "application/json", SequenceNumber = Interlocked.Increment(ref sequence), EnqueuedTime = DateTimeOffset.UtcNow };
                if (await assigner.HandleAsync(message, CancellationToken.None) is not MessageOutcome.Complete)
                    throw new InvalidOperationException($"azurite: order {id} was not assigned.");
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }
}
