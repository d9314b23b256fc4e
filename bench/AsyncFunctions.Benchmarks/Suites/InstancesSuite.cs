using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Many Function instances on one hot zone. K instances are K containers of the engine (each its own zone gates and
/// roster caches) over one in-memory store and one queue; each runs 16 concurrent calls, and every table call waits
/// a 5 ms round trip. A backlog larger than any run can drain is submitted first, then all instances consume for a
/// fixed window. K = 1 is the baseline, measured in the same rounds. Three ways to run the zone: every instance takes
/// its messages and they race on ETags (no sessions), the same with the spread pick, and Service Bus sessions keyed
/// by zone (as shipped): a session-enabled in-memory queue, every instance receiving through its own session holder,
/// so the broker gives the zone to one instance at a time and hands it over when that one lets it go.
/// </summary>
internal static class InstancesSuite
{
    private const int Drivers = 50;
    private const int CallsPerInstance = 16;
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(5);

    private const string Storage = "dispatch.storage.operations";
    private const string EntitiesRead = "dispatch.storage.entities_read";
    private const string Conflicts = "dispatch.etag.conflicts";
    private const string Assigned = "dispatch.orders.assigned";

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var window = TimeSpan.FromSeconds(arguments.Quick ? 1.5 : 4);
        var rounds = Math.Min(arguments.RoundCount, arguments.Quick ? 1 : 3);
        var instanceCounts = new[] { 1, 2, 4, 8 };
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"instances: K instances × {CallsPerInstance} concurrent calls on one zone of {Drivers} drivers, every table call waits {RoundTrip.TotalMilliseconds:F0} ms, a backlog drained for {window.TotalSeconds:F1} s per run, {rounds} rounds, medians"),
            "K = 1 (one instance, the same way of running the zone) in the same rounds");
        using var counters = new DispatchCounters();
        var modes = new[]
        {
            new InstancesMode("race", CoreVariant.Current, Sessions: false, CallsPerInstance),
            new InstancesMode("spread", CoreVariant.Spread, Sessions: false, CallsPerInstance),
            new InstancesMode("sessions", CoreVariant.Current, Sessions: true, CallsPerInstance),
            // Service Bus hands a session's messages over one at a time unless maxConcurrentCallsPerSession says otherwise.
            new InstancesMode("sessions, 1 call", CoreVariant.Current, Sessions: true, CallsPerSession: 1),
        };

        var samples = modes.ToDictionary(m => m.Name, _ => instanceCounts.ToDictionary(k => k, _ => new List<InstancesSample>()), StringComparer.Ordinal);
        // One unrecorded warm-up, then every configuration once per round, so machine noise hits all alike.
        await MeasureAsync(modes[0], 2, window, counters);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var mode in modes)
            {
                foreach (var k in instanceCounts)
                    samples[mode.Name][k].Add(await MeasureAsync(mode, k, window, counters));
            }
        }

        foreach (var mode in modes)
        {
            var baseline = samples[mode.Name][1];
            foreach (var k in instanceCounts.Skip(1))
            {
                var subject = samples[mode.Name][k];
                var last = k == instanceCounts[^1];
                report.Add(new Figure("instances", $"{mode.Name}: orders/s, K={k} vs 1", Median(subject, s => s.OrdersPerSecond), Median(baseline, s => s.OrdersPerSecond), "orders/s",
                    last ? Target.RatioAtLeast(1) : null));
                report.Add(new Figure("instances", $"{mode.Name}: ETag conflicts/order, K={k} vs 1", Median(subject, s => s.ConflictsPerOrder), Median(baseline, s => s.ConflictsPerOrder), "conflicts/order",
                    last ? Target.AtMost(0.2) : null));
                report.Add(new Figure("instances", $"{mode.Name}: table ops/order, K={k} vs 1", Median(subject, s => s.TableOpsPerOrder), Median(baseline, s => s.TableOpsPerOrder), "ops/order", null));
                report.Add(new Figure("instances", $"{mode.Name}: entities read/order, K={k} vs 1", Median(subject, s => s.EntitiesReadPerOrder), Median(baseline, s => s.EntitiesReadPerOrder), "entities/order", null));
            }
        }

        BenchReport.Note("   race: every instance takes the zone's messages; spread: the same, each instance keeping to its own of the 8 nearest drivers within 3 km (Dispatch:SpreadAmongNearest);");
        BenchReport.Note("   sessions: a session-enabled queue; every instance receives through its own session holder and the broker gives the zone to one at a time,");
        BenchReport.Note("   with 16 calls on the session (maxConcurrentCallsPerSession 16, as host.json) or 1 call (the extension's default). Entities read per order bound a zone on Azure: 2,000 entities/s per partition");
    }

    private static double Median(List<InstancesSample> samples, Func<InstancesSample, double> of) => Samples.Median([.. samples.Select(of)]);

    private static async Task<InstancesSample> MeasureAsync(InstancesMode mode, int instances, TimeSpan window, DispatchCounters counters)
    {
        // The first instance owns the store, queue and drivers; the seeding one writes the backlog without delays.
        await using var first = await BenchSystem.StartAsync(mode.Variant, withBroker: true, zones: 1, driversPerZone: Drivers, storageRoundTrip: RoundTrip, sessions: mode.Sessions);
        var fleet = new List<BenchSystem> { first };
        for (var i = 1; i < instances; i++)
            fleet.Add(BenchSystem.Join(first, mode.Variant, RoundTrip));
        try
        {
            await SeedBacklogAsync(first, mode.Variant, (int)(window.TotalSeconds * 1_500));
            var before = counters.Snapshot();
            var clock = Stopwatch.StartNew();
            // With sessions every instance receives through its own session holder (8 zones, CallsPerSession calls on
            // each, as host.json sets them): the broker gives the zone to one of them at a time.
            var pools = fleet.Select((system, i) => new ConsumerPool(system, CallsPerInstance,
                holder: mode.Sessions ? new SessionHolder($"instance-{i}", maxSessions: 8, callsPerSession: mode.CallsPerSession) : null).Start()).ToList();
            await Task.Delay(window);
            var during = DispatchCounters.Difference(counters.Snapshot(), before);
            var elapsed = clock.Elapsed.TotalSeconds;
            // Stopping waits for the calls in flight; the rates above are taken at the end of the window.
            foreach (var pool in pools)
                await pool.DisposeAsync();
            double assigned = Math.Max(1, during.GetValueOrDefault(Assigned));
            return new InstancesSample(assigned / elapsed, during.GetValueOrDefault(Conflicts) / assigned,
                during.GetValueOrDefault(Storage) / assigned, during.GetValueOrDefault(EntitiesRead) / assigned);
        }
        finally
        {
            foreach (var system in fleet.Skip(1))
                await system.DisposeAsync();
        }
    }

    private static async Task SeedBacklogAsync(BenchSystem first, CoreVariant variant, int orders)
    {
        await using var seeder = BenchSystem.Join(first, variant);
        var intake = seeder.Get<OrderIntake>();
        for (var i = 0; i < orders; i++)
        {
            var (_, body) = OrderBodies.Next(1);
            await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
        }
    }

    private sealed record InstancesMode(string Name, CoreVariant Variant, bool Sessions, int CallsPerSession);
}
