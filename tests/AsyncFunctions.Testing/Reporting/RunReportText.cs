using System.Globalization;
using System.Text;

namespace AsyncFunctions.Testing.Reporting;

/// <summary>
/// The text layout of every run report (chaos, outage): one line per figure with its label in a fixed
/// column, invariant-culture numbers, and the invariant line worded once, so the reports quoted in the
/// README and docs/reliability.md read alike.
/// </summary>
internal sealed class RunReportText
{
    private const int LabelWidth = 20;
    private readonly List<string> _lines = [];

    /// <summary>A labelled line: the label padded to its column, then the value formatted with the invariant culture.</summary>
    public RunReportText Line(string label, FormattableString value)
    {
        _lines.Add($"{label.PadRight(LabelWidth)} {value.ToString(CultureInfo.InvariantCulture)}");
        return this;
    }

    /// <summary>The invariants every run checks: nothing lost, nothing assigned twice, no driver over capacity.</summary>
    public RunReportText Invariants(int lost, int doubleAssigned, int overCapacityWrites, int violations) =>
        Line("invariants", $"lost {lost}, double-assigned {doubleAssigned}, over-capacity writes {overCapacityWrites}, violations {violations}");

    /// <summary>Counts by key in key order: "Assigned 3, DeadLettered 1" (separator " ") or "202: 5, 503: 2" (separator ": ").</summary>
    public static string Tally<TKey>(IReadOnlyDictionary<TKey, int> counts, string separator)
        where TKey : notnull =>
        string.Join(", ", counts.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}{separator}{p.Value}")));

    /// <summary>An indented detail line under the figures ("  violation: …").</summary>
    public RunReportText Detail(string kind, string text)
    {
        _lines.Add($"  {kind}: {text}");
        return this;
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);
}
