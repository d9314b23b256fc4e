namespace AsyncFunctions.Contracts.Messaging;

/// <summary>
/// Where a broker's semantics differ from Service Bus's, declared per implementation (as the table suite
/// declares Azurite's), so the suite checks each broker against what it really does, not against a wish.
/// </summary>
/// <param name="LocksExpire">An unsettled message comes back after the lock duration (Service Bus). RabbitMQ has no lock:
/// a delivery stays with its consumer for as long as the channel lives, up to the broker's consumer_timeout.</param>
/// <param name="DetectsDuplicates">A second send of one MessageId within the window is dropped (Service Bus with duplicate
/// detection on). RabbitMQ has no such thing: both copies are delivered, and the core makes the second harmless.</param>
/// <param name="ConsumerTimeout">Where locks do not expire: how long the broker lets a delivery stay unsettled before it closes
/// the consumer's channel and requeues it (RabbitMQ's consumer_timeout, 30 minutes by default, set short by the test fixture).</param>
public sealed record MessagingDifferences(bool LocksExpire, bool DetectsDuplicates, TimeSpan? ConsumerTimeout = null)
{
    public static MessagingDifferences ServiceBus { get; } = new(LocksExpire: true, DetectsDuplicates: true);

    public static MessagingDifferences RabbitMq { get; } = new(LocksExpire: false, DetectsDuplicates: false, ConsumerTimeout: TimeSpan.FromMinutes(30));
}
