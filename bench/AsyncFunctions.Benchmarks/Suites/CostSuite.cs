using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Intake;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Round-trips per assigned order on the happy path, counted by the core's own meter: all orders are
/// submitted over intake first (a backlog, so consumers contend as hard as they can), then drained by
/// 1, 4 or 16 consumers. Baseline: the classic protocol (claim written first, roster read per order,
/// no per-zone gate) in the same run.
/// </summary>
internal static class CostSuite
{
    private const int Zones = 2;
    private const int DriversPerZone = 10;
    /// <summary>About a Table Storage round-trip within a region; it lets consumers overlap between read and commit.</summary>
    private static readonly TimeSpan StorageRoundTrip = TimeSpan.FromMilliseconds(1);

    private const string Storage = "dispatch.storage.operations";
    private const string Bus = "dispatch.bus.operations";
    private const string Conflicts = "dispatch.etag.conflicts";
    private const string Assigned = "dispatch.orders.assigned";

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var scale = arguments.Quick ? 4 : 1;
        var rounds = Math.Min(arguments.RoundCount, 3);
        BenchReport.Section(
            $"cost: operations per assigned order, orders backlogged then drained (1 consumer {250 / scale}, 4: {1_000 / scale}, 16: {2_000 / scale} orders), {Zones} zones × {DriversPerZone} drivers, every table call waits Task.Delay({StorageRoundTrip.TotalMilliseconds:F0} ms) (one timer tick, {MeasureTick().TotalMilliseconds:F1} ms here), happy path",
            "the classic protocol (ClaimBeforeAssign, no roster cache, no zone gate) in the same run");
        using var counters = new DispatchCounters();

        foreach (var consumers in new[] { 1, 4, 16 })
        {
            var orders = consumers switch { 1 => 250, 4 => 1_000, _ => 2_000 } / scale;
            var (classic, current) = await Alternation.RunAsync(rounds,
                () => MeasureAsync(CoreVariant.Classic, consumers, orders, counters),
                () => MeasureAsync(CoreVariant.Current, consumers, orders, counters));
            var label = string.Create(CultureInfo.InvariantCulture, $"{consumers} consumer{(consumers == 1 ? "" : "s")}");
            if (consumers == 4)
            {
                report.Add(new Figure("cost", $"table operations per order ({label})", Median(current, s => s.TableOps), Median(classic, s => s.TableOps), "ops/order", Target.AtMost(4)));
                BenchReport.Note(string.Create(CultureInfo.InvariantCulture, $"   exact: current {Median(current, s => s.TableOps):F4}, classic {Median(classic, s => s.TableOps):F4} table ops/order (the target is judged at two decimals)"));
                // The order pipeline's own bus work; the order events (one publish per event, batched per commit) are counted apart.
                report.Add(new Figure("cost", $"bus operations per order incl. receive ({label})", Median(current, s => s.BusOps - s.EventPublishes + s.Receives), Median(classic, s => s.BusOps - s.EventPublishes + s.Receives), "ops/order", Target.AtMost(3)));
                report.Add(new Figure("cost", $"order-event publishes per order ({label})", Median(current, s => s.EventPublishes), Median(classic, s => s.EventPublishes), "ops/order", Target.AtMost(2)));
                BenchReport.Note("   by kind (current): " + Breakdown(current[^1]));
                BenchReport.Note("   by kind (classic): " + Breakdown(classic[^1]));
            }

            report.Add(new Figure("cost", $"ETag conflict retries per order ({label})", Median(current, s => s.Conflicts), Median(classic, s => s.Conflicts), "retries/order",
                consumers == 16 ? Target.AtMost(0.2) : null));
        }
    }

    private static TimeSpan MeasureTick()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
            Task.Delay(StorageRoundTrip).Wait();
        return clock.Elapsed / 20;
    }

    private static double Median(List<CostSample> samples, Func<CostSample, double> of) => Samples.Median([.. samples.Select(of)]);

    private static string Breakdown(CostSample sample) =>
        string.Join(", ", sample.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value:F3}")));

    private static async Task<CostSample> MeasureAsync(CoreVariant variant, int consumers, int orders, DispatchCounters counters)
    {
        await using var system = await BenchSystem.StartAsync(variant, withBroker: true, Zones, DriversPerZone, storageRoundTrip: StorageRoundTrip);
        var before = counters.Snapshot();
        var intake = system.Get<OrderIntake>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < orders)
            {
                var (_, body) = OrderBodies.Next(Zones);
                await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
            }
        })));

        var pool = new ConsumerPool(system, consumers).Start();
        var clock = Stopwatch.StartNew();
        while (DispatchCounters.Difference(counters.Snapshot(), before).GetValueOrDefault(Assigned) < orders)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"Only part of {orders} orders were assigned within 60 s ({variant.Name}, {consumers} consumers).");
            await Task.Delay(10);
        }

        // Stopping waits for messages in flight, so their settlements are counted too.
        await pool.DisposeAsync();
        var receives = pool.Receives;
        var delta = DispatchCounters.Difference(counters.Snapshot(), before);
        double assigned = delta.GetValueOrDefault(Assigned);
        var byKind = delta.Where(p => p.Key.StartsWith(Storage + "/", StringComparison.Ordinal) || p.Key.StartsWith(Bus + "/", StringComparison.Ordinal))
            .ToDictionary(p => p.Key.Replace("dispatch.", "", StringComparison.Ordinal).Replace(".operations", "", StringComparison.Ordinal), p => p.Value / assigned, StringComparer.Ordinal);
        byKind["bus/receive"] = receives / assigned;
        return new CostSample(delta.GetValueOrDefault(Storage) / assigned, delta.GetValueOrDefault(Bus) / assigned, receives / assigned,
            delta.GetValueOrDefault(Conflicts) / assigned, byKind) { EventPublishes = delta.GetValueOrDefault(Bus + "/publish-events") / assigned };
    }
}
