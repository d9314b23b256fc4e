using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Submit → Assigned through the in-memory broker and its consumers, against the same core called
/// directly (intake, then <see cref="OrderAssigner.HandleAsync"/> on a message built in process).
/// Both are closed loops with the same number of orders in flight, so throughput and latency compare.
/// </summary>
internal static class PipelineSuite
{
    internal const int Zones = 4;
    internal const int DriversPerZone = 20;
    internal const int InFlight = 8;
    internal const int Consumers = 4;

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Quick ? 1_000 : 4_000;
        var limit = TimeSpan.FromSeconds(arguments.Quick ? 5 : 20);
        BenchReport.Section(
            $"pipeline: submit → Assigned, {InFlight} orders in flight, {Consumers} consumers, {Zones} zones × {DriversPerZone} drivers, {orders} orders or {limit.TotalSeconds:F0} s per run",
            "the same core called directly: intake, then OrderAssigner.HandleAsync on an InboundMessage built in process (no broker)");

        await using var direct = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: false, Zones, DriversPerZone);
        await using var brokered = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, Zones, DriversPerZone);
        var (baseline, subject) = await Alternation.RunAsync(arguments.RoundCount,
            () => DirectAsync(direct, orders, limit),
            () => BrokeredAsync(brokered, orders, limit));

        report.Add(new Figure("pipeline", "orders assigned per second", Samples.Median(Rates(subject)), Samples.Median(Rates(baseline)), "orders/s", Target.RatioAtLeast(0.5)));
        report.Add(new Figure("pipeline", "latency p50 (submit → Assigned)", Samples.Median([.. subject.Select(s => s.P50Ms)]), Samples.Median([.. baseline.Select(s => s.P50Ms)]), "ms", null));
        report.Add(new Figure("pipeline", "latency p99 (submit → Assigned)", Samples.Median([.. subject.Select(s => s.P99Ms)]), Samples.Median([.. baseline.Select(s => s.P99Ms)]), "ms", null));
    }

    private static double[] Rates(List<PipelineSample> samples) => [.. samples.Select(s => s.OrdersPerSecond)];

    private static async Task<PipelineSample> DirectAsync(BenchSystem system, int orders, TimeSpan limit)
    {
        var intake = system.Get<OrderIntake>();
        var assigner = system.Get<OrderAssigner>();
        long sequence = 0;
        return await ClosedLoopAsync(orders, limit, async () =>
        {
            var (id, body) = OrderBodies.Next(Zones);
            await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
            var message = new InboundMessage(id, body) { ContentType = "application/json", SequenceNumber = Interlocked.Increment(ref sequence), EnqueuedTime = DateTimeOffset.UtcNow };
            var outcome = await assigner.HandleAsync(message, CancellationToken.None);
            return outcome is MessageOutcome.Complete;
        });
    }

    /// <summary>Through the in-memory broker and its consumers (the rabbitmq suite's baseline too).</summary>
    internal static async Task<PipelineSample> BrokeredAsync(BenchSystem system, int orders, TimeSpan limit)
    {
        var intake = system.Get<OrderIntake>();
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource<bool>>(StringComparer.Ordinal);
        await using var consumers = new ConsumerPool(system, Consumers, (message, outcome) =>
        {
            if (waiting.TryRemove(message.MessageId, out var done))
                done.TrySetResult(outcome is MessageOutcome.Complete);
        }).Start();
        return await ClosedLoopAsync(orders, limit, async () =>
        {
            var (id, body) = OrderBodies.Next(Zones);
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting[id] = done;
            await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
            return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        });
    }

    /// <summary>Keeps <see cref="InFlight"/> orders in flight until the count or the time limit is reached.</summary>
    internal static async Task<PipelineSample> ClosedLoopAsync(int orders, TimeSpan limit, Func<Task<bool>> oneOrder)
    {
        var latencies = new ConcurrentBag<double>();
        var started = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref started) < orders && clock.Elapsed < limit)
            {
                var begin = Stopwatch.GetTimestamp();
                if (!await oneOrder())
                    throw new InvalidOperationException("An order was not assigned on the happy path.");
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
        })));
        clock.Stop();
        var all = latencies.ToArray();
        return new PipelineSample(all.Length / clock.Elapsed.TotalSeconds, Samples.Percentile(all, 50), Samples.Percentile(all, 99), all.Length);
    }
}
