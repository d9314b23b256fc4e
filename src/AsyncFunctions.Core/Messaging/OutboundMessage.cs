namespace AsyncFunctions.Core.Messaging;

/// <summary>A message to send, shaped like ServiceBusMessage: the broker drops a second MessageId inside its duplicate-detection window.</summary>
public sealed record OutboundMessage(string MessageId, ReadOnlyMemory<byte> Body)
{
    public string ContentType { get; init; } = "application/json";

    public string? CorrelationId { get; init; }

    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();

    /// <summary>
    /// The order's zone on every orders-queue message: a session-enabled queue hands each zone to one receiver at a
    /// time, so the instances of a scaled-out app do not race for the same drivers (docs/performance.md). A queue
    /// without sessions ignores it.
    /// </summary>
    public string? SessionId { get; init; }

    /// <summary>When set, the broker holds the message until then (ScheduleMessageAsync).</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }
}
