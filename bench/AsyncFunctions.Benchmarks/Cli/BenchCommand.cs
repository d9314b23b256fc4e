using System.Diagnostics;
using System.Runtime.InteropServices;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Suites;

namespace AsyncFunctions.Benchmarks.Cli;

/// <summary>Runs the chosen suites in order and prints one table per figure. Exit code 1 when an invariant broke (faults).</summary>
internal static class BenchCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = BenchArguments.Parse(args);
        if (arguments is null)
        {
            Console.Error.WriteLine(BenchArguments.Usage);
            return 2;
        }

        PrintMachine(arguments);
        var clock = Stopwatch.StartNew();
        var report = new BenchReport();
        var all = arguments.Suite == "all";
        if (all || arguments.Suite == "intake")
            await IntakeSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "pipeline")
            await PipelineSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "cost")
            await CostSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "growth")
            await GrowthSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "history")
            await HistorySuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "instances")
            await InstancesSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "roundtrips")
            await RoundTripSuite.RunAsync(arguments, report);
        // Not in "all": it needs Azurite installed (npm ci --prefix tests/AsyncFunctions.Azure.Tests/azurite-npm).
        if (arguments.Suite == "azurite")
            await AzuriteSuite.RunAsync(arguments, report);
        // Not in "all": it needs Debian's rabbitmq-server, and starts a node of its own.
        if (arguments.Suite == "rabbitmq")
            await RabbitMqSuite.RunAsync(arguments, report);
        var faultsHeld = true;
        if (all || arguments.Suite == "faults")
            faultsHeld = await FaultSuite.RunAsync(arguments, report);
        if (all || arguments.Suite == "outages")
            faultsHeld &= await OutageSuite.RunAsync(arguments, report);

        report.PrintSummary();
        Console.WriteLine(FormattableString.Invariant($"total {clock.Elapsed.TotalSeconds:F0} s"));
        return faultsHeld ? 0 : 1;
    }

    private static void PrintMachine(BenchArguments arguments)
    {
        var memoryGiB = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        Console.WriteLine(FormattableString.Invariant(
            $"machine: {Environment.ProcessorCount} cores, {memoryGiB:F0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(Debugger.IsAttached ? "debugger" : "no debugger")}"));
        Console.WriteLine(FormattableString.Invariant(
            $"run:     {arguments.Suite}{(arguments.Quick ? " --quick" : "")}, {arguments.RoundCount} alternating rounds per figure (baseline, subject, baseline, ...), medians reported"));
#if DEBUG
        Console.WriteLine("warning: Debug build; run with -c Release for figures worth keeping");
#endif
    }
}
