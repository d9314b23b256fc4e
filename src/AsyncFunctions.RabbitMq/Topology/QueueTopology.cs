using System.Globalization;

namespace AsyncFunctions.RabbitMq.Topology;

/// <summary>
/// The queues of one orders queue, all on the default exchange (routing key = queue name): the quorum
/// queue itself, its dead-letter queue, and one fixed-TTL delay queue per <see cref="DelayBuckets"/> entry
/// whose expired messages dead-letter back into the orders queue.
/// </summary>
public sealed record QueueTopology(string Orders, int MaxDeliveryCount)
{
    /// <summary>Where the core's dead letters and the broker's delivery-limit dead letters go (Service Bus's $DeadLetterQueue).</summary>
    public string DeadLetter => Orders + ".dead-letter";

    public string DelayQueue(TimeSpan bucket) => string.Create(CultureInfo.InvariantCulture, $"{Orders}.delay.{(long)bucket.TotalMilliseconds}ms");

    public IEnumerable<string> DelayQueues => DelayBuckets.All.Select(DelayQueue);

    /// <summary>Arguments of the orders queue. A declaration with other arguments is refused by the broker (PRECONDITION_FAILED).</summary>
    public Dictionary<string, object?> OrdersArguments() => new()
    {
        ["x-queue-type"] = "quorum",
        // RabbitMQ counts returns, Service Bus counts deliveries: a limit of N returns allows N + 1 deliveries.
        ["x-delivery-limit"] = MaxDeliveryCount - 1,
        ["x-dead-letter-exchange"] = "",
        ["x-dead-letter-routing-key"] = DeadLetter,
        // At-least-once dead-lettering keeps the message in "orders" until the dead-letter queue confirmed it; it requires reject-publish.
        ["x-dead-letter-strategy"] = "at-least-once",
        ["x-overflow"] = "reject-publish",
    };

    public static Dictionary<string, object?> DeadLetterArguments() => new() { ["x-queue-type"] = "quorum" };

    /// <summary>
    /// A classic durable queue whose every message lives exactly <paramref name="bucket"/>: with one TTL per
    /// queue the head always expires first, so expiry (and the dead-letter back into orders) is never blocked
    /// by a message behind it, which per-message TTLs in one queue would be.
    /// </summary>
    public Dictionary<string, object?> DelayArguments(TimeSpan bucket) => new()
    {
        ["x-queue-type"] = "classic",
        ["x-message-ttl"] = (long)bucket.TotalMilliseconds,
        ["x-dead-letter-exchange"] = "",
        ["x-dead-letter-routing-key"] = Orders,
    };
}
