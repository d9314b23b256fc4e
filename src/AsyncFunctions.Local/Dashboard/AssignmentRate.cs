namespace AsyncFunctions.Local.Dashboard;

/// <summary>Assignments seen on the dispatch meter: the total, the recent rate, and one count per second for the last minute (oldest first).</summary>
public sealed record AssignmentRate(long Total, double PerSecond, IReadOnlyList<long> LastMinute);
