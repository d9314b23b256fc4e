namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>
/// The end of a run. Latencies are submit→Assigned on the server's clock (the status body's createdAt to
/// its updatedAt when first seen Assigned), so they do not depend on how often the generator polled.
/// Submit latencies are the client's: POST sent to response read. <see cref="Follow"/> compares polling with the
/// event feed on the client's clock (when the run knew), which is what following costs a client in time.
/// </summary>
public sealed record LoadSummary(
    int Orders,
    int Drivers,
    int Submitted,
    TimeSpan SubmitDuration,
    TimeSpan Elapsed,
    int Accepted,
    int Duplicates,
    IReadOnlyDictionary<int, int> RejectedByStatus,
    int TransportErrors,
    int Assigned,
    int AwaitingDriver,
    int StillPending,
    int DeadLettered,
    int DeliveredByRun,
    int LatencySamples,
    double? P50Ms,
    double? P99Ms,
    double? MaxMs,
    double? SubmitP50Ms,
    double? SubmitP99Ms,
    FollowReport? Follow = null)
{
    public int Rejected => RejectedByStatus.Values.Sum();

    public double SubmitRate => SubmitDuration > TimeSpan.Zero ? Submitted / SubmitDuration.TotalSeconds : 0;

    public bool IsClean => Rejected == 0 && TransportErrors == 0 && DeadLettered == 0 && StillPending == 0 && Follow?.FeedError is null;
}
