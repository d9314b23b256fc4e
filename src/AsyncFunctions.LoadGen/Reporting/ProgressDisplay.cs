using System.Globalization;
using System.Text;

namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>
/// A progress bar redrawn in place on a terminal; plain lines every few seconds when the output is
/// redirected or running under CI, where carriage returns would only make a mess of the log.
/// </summary>
public sealed class ProgressDisplay(TextWriter output, bool interactive) : IProgressSink
{
    private const int BarWidth = 28;
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(2);

    // Rates are taken over about a second: polls resolve orders in bursts, so 250 ms steps would jump around.
    private static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);
    private readonly Queue<LiveCounts> _history = new();
    private TimeSpan? _lastPlain;
    private int _lastWidth;

    public static IProgressSink Silent { get; } = new SilentProgress();

    public static ProgressDisplay ForConsole() =>
        new(Console.Out, !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")));

    public void Report(LiveCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var (submitRate, assignRate) = Rates(counts);
        _history.Enqueue(counts);
        if (interactive)
        {
            var line = $"\r{Bar(counts)} {counts.Submitted}/{counts.Total} sent {submitRate,6:F0}/s | assigned {counts.Assigned} ({assignRate:F0}/s) | awaiting {counts.AwaitingDriver} | dead {counts.DeadLettered} | refused {counts.Rejected} | errors {counts.TransportErrors} | {counts.Phase}";
            output.Write(line.PadRight(_lastWidth));
            _lastWidth = line.Length;
            output.Flush();
            return;
        }

        if (_lastPlain is { } last && counts.Elapsed - last < PlainEvery)
            return;
        _lastPlain = counts.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{counts.Elapsed.TotalSeconds,6:F1}s] {counts.Phase}: sent {counts.Submitted}/{counts.Total} ({submitRate:F0}/s), assigned {counts.Assigned} ({assignRate:F0}/s), awaiting {counts.AwaitingDriver}, dead {counts.DeadLettered}, refused {counts.Rejected}, errors {counts.TransportErrors}"));
    }

    public void Finish()
    {
        if (interactive && _lastWidth > 0)
            output.WriteLine();
        output.Flush();
    }

    private (double Submit, double Assign) Rates(LiveCounts now)
    {
        // Keep the newest report older than the window, so there is always one to compare with.
        while (_history.Count > 1 && now.Elapsed - _history.ElementAt(1).Elapsed >= RateWindow)
            _history.Dequeue();
        if (!_history.TryPeek(out var before) || now.Elapsed <= before.Elapsed)
            return (0, 0);
        var seconds = (now.Elapsed - before.Elapsed).TotalSeconds;
        return ((now.Submitted - before.Submitted) / seconds, (now.Assigned - before.Assigned) / seconds);
    }

    private static string Bar(LiveCounts counts)
    {
        var done = counts.Total == 0 ? 0 : (int)Math.Round(BarWidth * (double)(counts.Assigned + counts.DeadLettered + counts.Rejected) / counts.Total);
        var sent = counts.Total == 0 ? 0 : (int)Math.Round(BarWidth * (double)counts.Submitted / counts.Total);
        var bar = new StringBuilder("[", BarWidth + 2);
        for (var i = 0; i < BarWidth; i++)
            bar.Append(i < done ? '#' : i < sent ? '+' : '.');
        return bar.Append(']').ToString();
    }

    private sealed class SilentProgress : IProgressSink
    {
        public void Report(LiveCounts counts)
        {
        }

        public void Finish()
        {
        }
    }
}
