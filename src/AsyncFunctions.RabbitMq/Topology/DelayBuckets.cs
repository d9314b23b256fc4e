namespace AsyncFunctions.RabbitMq.Topology;

/// <summary>
/// The fixed delays a scheduled message can wait in. A message waits in the longest bucket that does not
/// overshoot its due time, comes back into the orders queue, and is sent on to the next bucket until it is
/// due, so an hour ahead takes one hop of an hour and a day ahead 24 of them plus a few short ones.
/// </summary>
public static class DelayBuckets
{
    /// <summary>Shortest first. The shortest is also the lateness bound for a message due sooner than it.</summary>
    public static readonly IReadOnlyList<TimeSpan> All =
    [
        TimeSpan.FromMilliseconds(250),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1),
    ];

    /// <summary>Closer to its due time than this, a message counts as due (clock skew between hosts and the broker's timer).</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(20);

    /// <summary>The bucket for a message due in <paramref name="remaining"/>, or null when it is due now.</summary>
    public static TimeSpan? For(TimeSpan remaining)
    {
        if (remaining <= Tolerance)
            return null;
        for (var i = All.Count - 1; i >= 0; i--)
        {
            if (All[i] <= remaining)
                return All[i];
        }

        return All[0];
    }
}
