using System.Globalization;
using System.Text;

namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>The summary as the terminal shows it.</summary>
public static class SummaryFormatter
{
    public static string Format(LoadSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"  {label,-22}{value}").AppendLine();

        text.AppendLine("Summary");
        Line("drivers registered", $"{summary.Drivers}");
        Line("orders submitted", string.Create(CultureInfo.InvariantCulture, $"{summary.Submitted} of {summary.Orders} in {summary.SubmitDuration.TotalSeconds:F1} s ({summary.SubmitRate:F1}/s)"));
        Line("accepted (202)", $"{summary.Accepted}");
        Line("duplicates (200)", $"{summary.Duplicates}");
        Line("rejected", summary.Rejected == 0 ? "0" : $"{summary.Rejected} ({string.Join(", ", summary.RejectedByStatus.Select(r => $"{r.Key}: {r.Value}"))})");
        Line("transport errors", $"{summary.TransportErrors}");
        Line("assigned", $"{summary.Assigned}");
        if (summary.DeliveredByRun > 0)
            Line("then delivered", $"{summary.DeliveredByRun}");
        Line("awaiting driver", $"{summary.AwaitingDriver}");
        Line("not yet settled", $"{summary.StillPending}");
        Line("dead-lettered", $"{summary.DeadLettered}");
        Line("submit→Assigned", summary.P50Ms is null
            ? "no order seen Assigned"
            : string.Create(CultureInfo.InvariantCulture, $"p50 {summary.P50Ms:F1} ms, p99 {summary.P99Ms:F1} ms, max {summary.MaxMs:F1} ms (n={summary.LatencySamples}, server clock)"));
        if (summary.SubmitP50Ms is not null)
            Line("POST /api/orders", string.Create(CultureInfo.InvariantCulture, $"p50 {summary.SubmitP50Ms:F1} ms, p99 {summary.SubmitP99Ms:F1} ms (client clock)"));
        if (summary.Follow is { Mode: not Cli.FollowMode.Poll } follow)
            FollowLines(follow, Line);
        Line("elapsed", string.Create(CultureInfo.InvariantCulture, $"{summary.Elapsed.TotalSeconds:F1} s"));
        return text.ToString().TrimEnd();
    }

    /// <summary>Polling and the event feed side by side: how soon the run knew (client clock) and what knowing cost.</summary>
    private static void FollowLines(FollowReport follow, Action<string, string> line)
    {
        var columns = new List<(string Name, FollowFigures Figures, string Cost)>();
        if (follow.Polled is { } polled)
            columns.Add(("polled", polled, Invariant($"{polled.PerOrder:F2} GET ({polled.Operations})")));
        if (follow.Events is { } events)
            columns.Add(("events", events, Invariant($"{events.PerOrder:F2} events ({events.Operations}; {events.OtherOperations} about other orders)")));
        string Row(Func<(string Name, FollowFigures Figures, string Cost), string> cell) => string.Concat(columns.Select(c => $"{cell(c),-24}")).TrimEnd();
        static string Ms(double? ms) => ms is { } value ? Invariant($"{value:F1} ms") : "-";

        line("followed by", Row(c => c.Name));
        line("seen Assigned p50", Row(c => Ms(c.Figures.P50Ms)));
        line("seen Assigned p95", Row(c => Ms(c.Figures.P95Ms)));
        line("seen Assigned p99", Row(c => Ms(c.Figures.P99Ms)));
        line("orders seen Assigned", Row(c => Invariant($"{c.Figures.SeenAssigned}")));
        line("cost per order", Row(c => c.Cost));
        line("", "seen Assigned: POST sent to the run knowing (client clock)");
        if (follow.FeedError is { } error)
            line("event feed stopped", error);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
