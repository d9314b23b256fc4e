namespace AsyncFunctions.Core.Messaging;

/// <summary>A message to send, shaped like ServiceBusMessage: the broker drops a second MessageId inside its duplicate-detection window.</summary>
public sealed record OutboundMessage(string MessageId, ReadOnlyMemory<byte> Body)
{
    public string ContentType { get; init; } = "application/json";

    public string? CorrelationId { get; init; }

    public IReadOnlyDictionary<string, object> ApplicationProperties { get; init; } = new Dictionary<string, object>();

    /// <summary>When set, the broker holds the message until then (ScheduleMessageAsync).</summary>
    public DateTimeOffset? ScheduledEnqueueTime { get; init; }
}
