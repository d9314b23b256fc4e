using System.Globalization;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// The full fault suite: the chaos harness (real engine, in-memory store and broker, faults between the
/// engine and both ports) at full size. Prints what happened and returns false, so the process exits 1,
/// if any invariant broke or the faults were not as heavy as promised.
/// </summary>
internal static class FaultSuite
{
    public static async Task<bool> RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Orders ?? (arguments.Quick ? 1_000 : 10_000);
        var scenario = new ChaosScenario { Orders = orders, Consumers = arguments.Consumers, DrainTimeout = TimeSpan.FromMinutes(4) };
        // A little above the storm's rates, so the suite's "at least 20 % duplicates, 5 % transient faults" holds with margin.
        var plan = FaultPlan.Storm with { TransientRate = 0.06, DuplicateRate = 0.22, Seed = arguments.Seed };
        BenchReport.Section(
            string.Create(CultureInfo.InvariantCulture, $"faults: {orders} orders, {scenario.Consumers} consumers, {scenario.Zones} zones × {scenario.DriversPerZone} drivers (capacity {scenario.DriverCapacity}), seed {plan.Seed}"),
            "none: every figure here must be exactly as stated (0 lost, 0 double-assigned, 0 over capacity)");
        BenchReport.Note(string.Create(CultureInfo.InvariantCulture,
            $"plan: transient {plan.TransientRate:P0} and applied-then-failed {plan.AmbiguousRate:P0} of storage calls and sends, crash {plan.CrashRate:P0} of calls and settlements (half before, half after), lock expiry {plan.LockExpiryRate:P0} of deliveries, partner duplicates {plan.DuplicateRate:P0} and conflicting copies {plan.ConflictRate:P0} of orders"));

        using var counters = new DispatchCounters();
        var result = await ChaosHarness.RunAsync(scenario, plan);
        var totals = counters.Snapshot();
        var calls = totals.GetValueOrDefault("dispatch.storage.operations") + totals.GetValueOrDefault("dispatch.bus.operations/send") + totals.GetValueOrDefault("dispatch.bus.operations/schedule");
        var duplicatesSeen = totals.GetValueOrDefault("dispatch.orders.duplicates");
        var transientShare = calls == 0 ? 0 : (double)result.Faults.Transient / calls;
        var duplicateShare = result.Accepted == 0 ? 0 : (double)result.Faults.Duplicates / result.Accepted;

        Console.WriteLine(result.ToString());
        var c = CultureInfo.InvariantCulture;
        BenchReport.Note(string.Create(c, $"accepted {result.Accepted} | assigned {result.Count("Assigned") + result.Count("Delivered")} (delivered {result.Count("Delivered")}) | awaiting {result.Count("AwaitingDriver")} | needs assignment {result.Count("NeedsAssignment")} | in progress {result.Count("InProgress")} | dead-lettered {result.Count("DeadLettered")} (records {result.DeadLetterRecords})"));
        BenchReport.Note(string.Create(c, $"duplicates: {result.Faults.Duplicates} partner copies sent ({duplicateShare:P1} of orders), {duplicatesSeen} recognised by the engine as duplicates (intake, assign, superseded)"));
        BenchReport.Note(string.Create(c, $"faults: {result.Faults.Transient} transient of {calls} storage calls and sends ({transientShare:P1}), {result.Faults.Ambiguous} applied-then-failed, {result.Faults.Crashes} crashes, {result.Faults.LockExpiries} forced lock expiries, {result.Faults.LockLost} settlements refused (lock lost)"));
        BenchReport.Note(string.Create(c, $"storage operations {totals.GetValueOrDefault("dispatch.storage.operations")}, ETag conflicts {totals.GetValueOrDefault("dispatch.etag.conflicts")}, elapsed {result.Elapsed.TotalSeconds:F1} s"));

        var failures = new List<string>();
        Check(failures, result.Drained, "every accepted order reached a terminal state and the dead-letter queue was recorded before the drain timeout");
        Check(failures, result.Lost == 0, $"0 lost (found {result.Lost})");
        Check(failures, result.DoubleAssigned == 0, $"0 double-assigned (found {result.DoubleAssigned})");
        Check(failures, result.OverCapacityWrites == 0, $"0 drivers over capacity (found {result.OverCapacityWrites} writes)");
        Check(failures, result.Violations.Count == 0, $"0 invariant violations, incl. every non-terminal order with a reason and a pending retry (found {result.Violations.Count})");
        Check(failures, result.Accepted == orders, $"every order accepted (accepted {result.Accepted} of {orders})");
        Check(failures, duplicateShare >= 0.20, string.Create(c, $"duplicate deliveries >= 20% of orders (were {duplicateShare:P1})"));
        Check(failures, transientShare >= 0.05, string.Create(c, $"transient storage faults >= 5% of calls (were {transientShare:P1})"));
        Check(failures, result.Faults.Crashes > 0 && result.Faults.LockExpiries > 0 && result.Faults.Ambiguous > 0, "crashes, lock expiries and applied-then-failed calls were injected");

        report.Add(new Figure("faults", "lost orders", result.Lost, 0, "orders", Target.AtMost(0)));
        report.Add(new Figure("faults", "double-assigned orders", result.DoubleAssigned, 0, "orders", Target.AtMost(0)));
        report.Add(new Figure("faults", "over-capacity driver writes", result.OverCapacityWrites, 0, "writes", Target.AtMost(0)));
        report.Add(new Figure("faults", "invariant violations", result.Violations.Count, 0, "violations", Target.AtMost(0)));
        foreach (var failure in failures)
            Console.WriteLine($"   FAILED: {failure}");
        Console.WriteLine(failures.Count == 0 ? "   faults: all invariants held" : $"   faults: {failures.Count} check(s) failed");
        return failures.Count == 0;
    }

    private static void Check(List<string> failures, bool held, string what)
    {
        if (!held)
            failures.Add(what);
    }
}
