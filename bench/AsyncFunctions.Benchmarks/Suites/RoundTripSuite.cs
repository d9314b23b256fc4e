using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Results;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Latency in round trips: every table call, send and settlement waits <see cref="RoundTrip"/>, and each
/// latency is divided by the measured length of one such wait (a timer tick may stretch it). One order at a
/// time (light load): intake (<c>OrderIntake.SubmitAsync</c>, what <c>POST /api/orders</c> runs) and, once
/// the message is received, its processing up to and including the settlement.
/// </summary>
internal static class RoundTripSuite
{
    private static readonly TimeSpan RoundTrip = TimeSpan.FromMilliseconds(5);

    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Quick ? 50 : 200;
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"roundtrips: {orders} orders one at a time, every table call, send and settlement waits {RoundTrip.TotalMilliseconds:F0} ms; 1 RT = the median of one such wait timed before each order, 1 zone × 10 drivers"),
            "none: the subject is in round trips, judged against the target");
        await using var system = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, zones: 1, driversPerZone: 10, storageRoundTrip: RoundTrip, busRoundTrip: RoundTrip);
        var intake = system.Get<OrderIntake>();
        var processor = system.Get<OrderMessageProcessor>();
        var submit = new List<double>();
        var assign = new List<double>();
        var waits = new List<double>();
        for (var i = 0; i < orders; i++)
        {
            var (_, body) = OrderBodies.Next(1);
            var clock = Stopwatch.StartNew();
            await Task.Delay(RoundTrip);
            waits.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var accepted = await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
            submit.Add(clock.Elapsed.TotalMilliseconds);
            if (accepted.Kind != ResultKind.Accepted)
                throw new InvalidOperationException($"roundtrips: intake answered {accepted.Kind}: {accepted.Detail}");

            var locked = await system.Queue.ReceiveAsync(TimeSpan.FromSeconds(1))
                ?? throw new InvalidOperationException("roundtrips: no message after intake.");
            clock.Restart();
            var outcome = await processor.ProcessAsync(locked.Message, new RoundTripDelaySettlement(locked, RoundTrip), CancellationToken.None);
            assign.Add(clock.Elapsed.TotalMilliseconds);
            if (outcome is not MessageOutcome.Complete)
                throw new InvalidOperationException($"roundtrips: the assignment ended {outcome.GetType().Name}.");
        }

        var rt = Samples.Median(waits);
        BenchReport.Note(string.Create(CultureInfo.InvariantCulture, $"   1 RT measured: {rt:F2} ms (p50 of {waits.Count} waits)"));
        report.Add(new Figure("roundtrips", "POST /api/orders (core intake) p50", Samples.Median(submit) / rt, double.NaN, "RT", Target.AtMost(2.2)));
        report.Add(new Figure("roundtrips", "POST /api/orders (core intake) p99", Samples.Percentile(submit, 99) / rt, double.NaN, "RT", null));
        report.Add(new Figure("roundtrips", "message arrived → Assigned + complete p50", Samples.Median(assign) / rt, double.NaN, "RT", Target.AtMost(3)));
        report.Add(new Figure("roundtrips", "message arrived → Assigned + complete p99", Samples.Percentile(assign, 99) / rt, double.NaN, "RT", null));
        BenchReport.Note("   intake is directory add, order + due-row transaction, send: three sequential round trips (see docs/performance.md for why they are not overlapped)");
        await AtHalfLoadAsync(arguments, report, rt);
    }

    /// <summary>Submit → Assigned through the broker and 16 consumers at half the most this system sustains, found first in the same run.</summary>
    private static async Task AtHalfLoadAsync(BenchArguments arguments, BenchReport report, double rt)
    {
        const int InFlight = 64;
        var window = TimeSpan.FromSeconds(arguments.Quick ? 2 : 4);
        await using var system = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, zones: 1, driversPerZone: 10, storageRoundTrip: RoundTrip, busRoundTrip: RoundTrip);
        await using var load = new RoundTripLoad(system, RoundTrip).Start();
        await load.MaxRateAsync(InFlight, TimeSpan.FromSeconds(1)); // warm-up, unrecorded
        var max = await load.MaxRateAsync(InFlight, window);
        var rate = max / 2;
        var latencies = await load.AtRateAsync(rate, (int)(rate * window.TotalSeconds));
        BenchReport.Note(string.Create(CultureInfo.InvariantCulture,
            $"   under load: max {max:F0} orders/s submit → Assigned ({InFlight} in flight, 16 consumers, 1 zone), then {latencies.Count} orders at {rate:F0}/s (50 %)"));
        report.Add(new Figure("roundtrips", "submit → Assigned at 50 % of max load p50", Samples.Median(latencies) / rt, double.NaN, "RT", null));
        report.Add(new Figure("roundtrips", "submit → Assigned at 50 % of max load p99", Samples.Percentile(latencies, 99) / rt, double.NaN, "RT", null));
        BenchReport.Note("   the floor is 6 RT in sequence: intake 3 (directory, order, send) + the assignment's 3 (read, commit, complete); the queue hop adds no delay here");
    }
}
