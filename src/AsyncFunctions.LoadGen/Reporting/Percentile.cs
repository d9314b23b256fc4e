namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>Nearest-rank percentiles: always a value that was really measured.</summary>
public static class Percentile
{
    /// <param name="sorted">Ascending.</param>
    /// <param name="fraction">The percentile as a fraction, for example 0.99 for p99.</param>
    public static double? Of(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
            return null;
        var rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
