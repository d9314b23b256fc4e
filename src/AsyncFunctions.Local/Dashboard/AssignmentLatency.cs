namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// Submit → Assigned over the recent window: how many orders were assigned in it and the 50th and 99th
/// percentiles of their time from acceptance to assignment, in seconds (null when none was assigned).
/// </summary>
public sealed record AssignmentLatency(int WindowSeconds, int Count, double? P50Seconds, double? P99Seconds);
