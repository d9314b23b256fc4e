using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Time per assignment (OrderAssigner.HandleAsync, one at a time) as a zone fills with drivers and as
/// zones multiply. Every configuration runs once per round, in rotating order, and medians are compared
/// with the smallest configuration measured in the same rounds.
/// </summary>
internal static class GrowthSuite
{
    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Quick ? 300 : 1_500;
        BenchReport.Section(
            $"growth: time per assignment (direct HandleAsync, sequential, {orders} orders per configuration per round)",
            "10 drivers in one zone (driver axis); 1 zone of 10 drivers (zone axis)");

        var configurations = new (string Name, CoreVariant Variant, int Zones, int Drivers)[]
        {
            ("10 drivers", CoreVariant.Current, 1, 10),
            ("100 drivers", CoreVariant.Current, 1, 100),
            ("1000 drivers", CoreVariant.Current, 1, 1_000),
            ("10 zones", CoreVariant.Current, 10, 10),
            ("100 zones", CoreVariant.Current, 100, 10),
            ("10 drivers, classic", CoreVariant.Classic, 1, 10),
            ("1000 drivers, classic", CoreVariant.Classic, 1, 1_000),
        };
        var systems = new List<BenchSystem>();
        try
        {
            foreach (var c in configurations)
                systems.Add(await BenchSystem.StartAsync(c.Variant, withBroker: false, c.Zones, c.Drivers));

            var samples = configurations.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < configurations.Length; i++)
                await MeasureAsync(systems[i], configurations[i].Zones, orders / 5); // warm-up
            for (var round = 0; round < arguments.RoundCount; round++)
            {
                for (var k = 0; k < configurations.Length; k++)
                {
                    var i = (k + round) % configurations.Length;
                    samples[i].Add(await MeasureAsync(systems[i], configurations[i].Zones, orders));
                }
            }

            var medians = samples.Select(s => Samples.Median(s)).ToArray();
            report.Add(new Figure("growth", "100 drivers in the zone vs 10", medians[1], medians[0], "µs/assignment", null));
            report.Add(new Figure("growth", "1000 drivers in the zone vs 10", medians[2], medians[0], "µs/assignment", null)); // information since issue 13 (docs/performance.md)
            report.Add(new Figure("growth", "10 zones vs 1 (10 drivers each)", medians[3], medians[0], "µs/assignment", null));
            report.Add(new Figure("growth", "100 zones vs 1 (10 drivers each)", medians[4], medians[0], "µs/assignment", null));
            report.Add(new Figure("growth", "classic protocol: 1000 drivers vs 10", medians[6], medians[5], "µs/assignment", null));

            // The pick alone, to separate the algorithm's growth from the rest of the assignment path.
            var (small, large) = await Alternation.RunAsync(arguments.RoundCount,
                () => PickMeasurement.MeasureAsync(PickMeasurement.Roster(10), 20_000),
                () => PickMeasurement.MeasureAsync(PickMeasurement.Roster(1_000), 20_000));
            report.Add(new Figure("growth", "driver pick alone: 1000 drivers vs 10", Samples.Median(large), Samples.Median(small), "µs/pick", null));
        }
        finally
        {
            foreach (var system in systems)
                await system.DisposeAsync();
        }
    }

    /// <summary>Submits the orders untimed, then times the assignments alone; the mean in microseconds.</summary>
    private static async Task<double> MeasureAsync(BenchSystem system, int zones, int orders)
    {
        var intake = system.Get<OrderIntake>();
        var assigner = system.Get<OrderAssigner>();
        var messages = new List<InboundMessage>(orders);
        for (var i = 0; i < orders; i++)
        {
            var (id, body) = OrderBodies.Next(zones);
            await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
            messages.Add(new InboundMessage(id, body) { ContentType = "application/json", SequenceNumber = i + 1 });
        }

        var clock = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            if (await assigner.HandleAsync(message, CancellationToken.None) is not MessageOutcome.Complete)
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Order {message.MessageId} was not assigned."));
        }

        return clock.Elapsed.TotalMicroseconds / orders;
    }
}
