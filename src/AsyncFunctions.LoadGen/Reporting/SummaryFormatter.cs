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
        Line("elapsed", string.Create(CultureInfo.InvariantCulture, $"{summary.Elapsed.TotalSeconds:F1} s"));
        return text.ToString().TrimEnd();
    }
}
