namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>
/// How one way of following orders did: how soon after its POST the run knew each order was Assigned (client
/// clock: POST sent to the poll answer or the event read), and what knowing cost: GET requests for polling,
/// events received for the feed (those about other orders counted apart).
/// </summary>
public sealed record FollowFigures(int SeenAssigned, double? P50Ms, double? P95Ms, double? P99Ms, int Orders, long Operations, long OtherOperations)
{
    /// <summary>Operations per accepted order.</summary>
    public double PerOrder => Orders > 0 ? (double)Operations / Orders : 0;

    /// <summary>The figures from the client-clock times to Assigned, sorted ascending.</summary>
    public static FollowFigures Of(IReadOnlyList<double> sortedSeenMs, int orders, long operations, long otherOperations)
    {
        ArgumentNullException.ThrowIfNull(sortedSeenMs);
        return new(sortedSeenMs.Count, Percentile.Of(sortedSeenMs, 0.50), Percentile.Of(sortedSeenMs, 0.95), Percentile.Of(sortedSeenMs, 0.99), orders, operations, otherOperations);
    }
}
