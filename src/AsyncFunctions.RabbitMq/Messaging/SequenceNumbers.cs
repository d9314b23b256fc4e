namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// RabbitMQ has no sequence number, and the core needs one that is unique per message, stable across its
/// redeliveries and growing over time (dead-letter ids sort the newest first). The sender stamps one into a
/// header: milliseconds since the epoch in the high 43 bits, a per-process counter (random start) in the low 20.
/// Two processes can collide only when they send in the same millisecond with the same low 20 bits.
/// </summary>
public static class SequenceNumbers
{
    private const int CounterBits = 20;
    private static long _counter = Random.Shared.Next();

    public static long Next(DateTimeOffset now) =>
        (now.ToUnixTimeMilliseconds() << CounterBits) | (Interlocked.Increment(ref _counter) & ((1L << CounterBits) - 1));
}
