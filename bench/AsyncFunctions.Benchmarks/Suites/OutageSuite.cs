using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Testing.Outages;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Outages under load in simulated time with production timings (storage down 60 s, the bus down 30 s, both
/// down 60 s): orders dead-lettered, deliveries per order, time from recovery until all resolved, and what intake
/// answered meanwhile. Returns false, so the process exits 1, if anything was lost, dead-lettered or answered 500.
/// </summary>
internal static class OutageSuite
{
    public static async Task<bool> RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Orders ?? (arguments.Quick ? 300 : 600);
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"outages: {orders} orders spread over warm-up 10 s + outage + 10 s, {arguments.Consumers} consumers, simulated time at {OutageScenario.Storage60s.TimeFactor:F0}× the wall clock"),
            "none: the targets are absolute (0 dead-lettered, 0 answered 500)");
        var held = true;
        foreach (var scenario in new[] { OutageScenario.Storage60s, OutageScenario.Bus30s, OutageScenario.Both60s })
        {
            var result = await OutageHarness.RunAsync(scenario with { Orders = orders, Consumers = arguments.Consumers });
            Console.WriteLine(result.ToString());
            var name = scenario.Name;
            report.Add(new Figure("outages", $"{name}: orders dead-lettered", result.DeadLetteredOrders, 0, "orders", Target.AtMost(0)));
            report.Add(new Figure("outages", $"{name}: intake answers 500", result.Intake(500), 0, "answers", Target.AtMost(0)));
            report.Add(new Figure("outages", $"{name}: max deliveries of one order during the outage", result.MaxDeliveriesPerOrderDuringOutage, 0, "deliveries", Target.AtMost(8)));
            report.Add(new Figure("outages", $"{name}: deliveries per order (mean)", result.DeliveriesPerOrder, 0, "deliveries", null));
            report.Add(new Figure("outages", $"{name}: recovery until all resolved (simulated)", result.RecoveredAfter.TotalSeconds, 0, "s", null));
            var ok = result.Lost == 0 && result.DoubleAssigned == 0 && result.OverCapacityWrites == 0 && result.Unresolved == 0
                && result.DeadLetteredOrders == 0 && result.Intake(500) == 0 && result.Violations.Count == 0 && result.Accepted == orders;
            Console.WriteLine(ok ? $"   {name}: held" : $"   FAILED: {name}: lost, unresolved, dead-lettered, 500 or violations (see above)");
            held &= ok;
        }

        return held;
    }
}
