using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Reporting;

/// <summary>How the run followed its orders, with the figures of each way it used; FeedError says why the event feed stopped early.</summary>
public sealed record FollowReport(FollowMode Mode, FollowFigures? Polled, FollowFigures? Events, string? FeedError = null)
{
    public static FollowReport PollOnly(FollowFigures polled) => new(FollowMode.Poll, polled, null);
}
