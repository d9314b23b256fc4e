using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Load;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen;

/// <summary>dotnet run --project src/AsyncFunctions.LoadGen -- load --orders 10000 --rate 500 --zones 5 --drivers 200</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var parsed = ArgumentParser.Parse(args);
        if (parsed.ShowHelp)
        {
            Console.WriteLine(Usage.Text);
            return ExitCodes.Ok;
        }

        // Neither help nor options: the parser refused the command line and says why.
        if (parsed.Options is not { } options)
        {
            Console.Error.WriteLine($"error: {parsed.Error}{Environment.NewLine}{Environment.NewLine}{Usage.Text}");
            return ExitCodes.BadArguments;
        }

        // Ctrl+C stops submitting and still prints the summary of what was sent.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

        using var http = LoadHttpClient.Create(options);
        var progress = ProgressDisplay.ForConsole();
        var outcome = await new LoadRunner(http, options, progress, TimeProvider.System).RunAsync(stop.Token);
        progress.Finish();
        Console.WriteLine(outcome.Summary is { } summary ? SummaryFormatter.Format(summary) : $"error: {outcome.Error}");
        return outcome.ExitCode;
    }
}
