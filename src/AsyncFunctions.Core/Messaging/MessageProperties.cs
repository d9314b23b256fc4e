namespace AsyncFunctions.Core.Messaging;

/// <summary>Names of the application properties this system reads and writes on order messages.</summary>
public static class MessageProperties
{
    /// <summary>Which partner (or "http") produced the order.</summary>
    public const string Source = "source";

    /// <summary>The retry generation a message belongs to; older generations are superseded.</summary>
    public const string Attempt = "attempt";

    /// <summary>Why this copy was sent: intake, retry, schedule, sweep, wake, replay, recheck, handon, conflict-recheck.</summary>
    public const string Reason = "reason";

    /// <summary>The order a copy is about, for traces and logs (a partner message has only MessageId = orderId).</summary>
    public const string OrderId = "orderId";

    /// <summary>The dead-letter record a replayed message came from.</summary>
    public const string ReplayOf = "replayOf";
}
