using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class SummaryFormatterTests
{
    private static readonly FollowFigures Polled = new(500, 212.5, 480.0, 901.25, 500, 1205, 0);
    private static readonly FollowFigures Events = new(500, 14.2, 30.5, 61.0, 500, 1000, 37);

    [Fact]
    public void Format_FollowBoth_PolledAndEventsSideBySide()
    {
        var text = SummaryFormatter.Format(Summary(new FollowReport(FollowMode.Both, Polled, Events)));

        Assert.Contains("  followed by           polled                  events\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  seen Assigned p50     212.5 ms                14.2 ms\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  seen Assigned p95     480.0 ms                30.5 ms\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  seen Assigned p99     901.2 ms                61.0 ms\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  orders seen Assigned  500                     500\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  cost per order        2.41 GET (1205)         2.00 events (1000; 37 about other orders)\n", Lf(text), StringComparison.Ordinal);
        Assert.DoesNotContain("event feed stopped", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_FollowEvents_OnlyTheEventsColumnAndWhyTheFeedStopped()
    {
        var text = SummaryFormatter.Format(Summary(new FollowReport(FollowMode.Events, null, Events with { P95Ms = null }, "the host dropped the event stream: too slow")));

        Assert.Contains("  followed by           events\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  seen Assigned p95     -\n", Lf(text), StringComparison.Ordinal);
        Assert.Contains("  event feed stopped    the host dropped the event stream: too slow", text, StringComparison.Ordinal);
        Assert.DoesNotContain("polled", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_FollowPoll_NoFollowLinesAsBefore()
    {
        var text = SummaryFormatter.Format(Summary(FollowReport.PollOnly(Polled)));

        Assert.DoesNotContain("followed by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("seen Assigned", text, StringComparison.Ordinal);
    }

    [Fact]
    public void IsClean_FeedStopped_IsNot()
    {
        Assert.True(Summary(new FollowReport(FollowMode.Events, null, Events)).IsClean);
        Assert.False(Summary(new FollowReport(FollowMode.Events, null, Events, "broke off")).IsClean);
    }

    private static string Lf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    private static LoadSummary Summary(FollowReport follow) => new(
        500, 10, 500, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7), 500, 0, new SortedDictionary<int, int>(), 0, 500, 0, 0, 0, 0,
        500, 20.0, 40.0, 50.0, 3.0, 9.0, follow);
}
