using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class ProgressDisplayTests
{
    [Fact]
    public void Report_Redirected_WritesPlainLinesAtMostEveryTwoSeconds()
    {
        using var output = new StringWriter();
        var display = new ProgressDisplay(output, interactive: false);

        display.Report(Counts(TimeSpan.Zero, submitted: 0));
        display.Report(Counts(TimeSpan.FromSeconds(1), submitted: 100));
        display.Report(Counts(TimeSpan.FromSeconds(2.5), submitted: 400));
        display.Finish();

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain('\r', output.ToString().Replace(Environment.NewLine, "\n", StringComparison.Ordinal));
        Assert.Contains("sent 400/1000 (200/s)", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Terminal_RedrawsOneLineWithABar()
    {
        using var output = new StringWriter();
        var display = new ProgressDisplay(output, interactive: true);

        display.Report(Counts(TimeSpan.Zero, submitted: 0));
        display.Report(Counts(TimeSpan.FromSeconds(1), submitted: 500));
        display.Finish();

        var text = output.ToString();
        Assert.Equal(2, text.Count(c => c == '\r'));
        Assert.Contains("[##############..............] 500/1000", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    private static LiveCounts Counts(TimeSpan elapsed, int submitted) =>
        new("submitting", 1000, submitted, submitted, submitted, 0, 0, 0, 0, elapsed);
}
