namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>Where a run stands right now, for the progress display.</summary>
public sealed record LiveCounts(string Phase, int Total, int Submitted, int Accepted, int Assigned, int AwaitingDriver, int DeadLettered, int Rejected, int TransportErrors, TimeSpan Elapsed);
