namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// Header names this adapter adds beside the application properties (which travel as headers of their own
/// names), and those the broker sets. Ours start with "af-", the broker's with "x-".
/// </summary>
public static class MessageHeaders
{
    /// <summary>The stable sequence number (<see cref="SequenceNumbers"/>).</summary>
    public const string SequenceNumber = "af-sequence-number";

    /// <summary>When the first copy was sent, in Unix milliseconds (BasicProperties.Timestamp has whole seconds only).</summary>
    public const string EnqueuedAt = "af-enqueued-at";

    /// <summary>A scheduled message's due time, in Unix milliseconds; a copy that comes back early is delayed again.</summary>
    public const string DueAt = "af-due-at";

    public const string DeadLetterReason = "af-dead-letter-reason";
    public const string DeadLetterDescription = "af-dead-letter-description";
    public const string DeadLetterSource = "af-dead-letter-source";

    /// <summary>How many deliveries a message had when it was dead-lettered.</summary>
    public const string DeadLetterDeliveryCount = "af-dead-letter-delivery-count";

    /// <summary>Set by a quorum queue on a redelivery: how many times the message was returned (nack, channel closed, consumer timeout).</summary>
    public const string BrokerDeliveryCount = "x-delivery-count";

    /// <summary>Set by the broker when it dead-lettered the message itself (here: delivery_limit).</summary>
    public const string BrokerFirstDeathReason = "x-first-death-reason";

    public const string BrokerFirstDeathQueue = "x-first-death-queue";

    /// <summary>Headers that are ours or the broker's, never application properties.</summary>
    public static bool IsTransport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.StartsWith("af-", StringComparison.Ordinal) || name.StartsWith("x-", StringComparison.Ordinal);
    }
}
