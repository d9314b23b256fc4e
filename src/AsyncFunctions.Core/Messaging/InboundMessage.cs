namespace AsyncFunctions.Core.Messaging;

/// <summary>A received message, shaped like ServiceBusReceivedMessage (peek-lock).</summary>
public sealed record InboundMessage(string MessageId, ReadOnlyMemory<byte> Body)
{
    public string? ContentType { get; init; }

    public string? CorrelationId { get; init; }

    public IReadOnlyDictionary<string, object?> ApplicationProperties { get; init; } = new Dictionary<string, object?>();

    /// <summary>The session it arrived in (the order's zone, as sent); null on a queue without sessions.</summary>
    public string? SessionId { get; init; }

    /// <summary>1 on first delivery; grows with every abandon or lock expiry.</summary>
    public int DeliveryCount { get; init; } = 1;

    /// <summary>Unique per message in its queue and stable across redeliveries of that message.</summary>
    public long SequenceNumber { get; init; }

    public DateTimeOffset EnqueuedTime { get; init; }

    public string? DeadLetterReason { get; init; }

    public string? DeadLetterErrorDescription { get; init; }

    public string? DeadLetterSource { get; init; }
}
