using AsyncFunctions.Core.Messaging;
using AsyncFunctions.RabbitMq.Messaging;
using AsyncFunctions.Testing.Chaos;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>A real RabbitMQ queue (through the adapter) as a chaos run's broker: no lock expiry, no duplicate detection.</summary>
internal sealed class RabbitMqChaosBroker(RabbitMqQueueUnderTest queue) : IChaosBroker
{
    public IMessagePublisher Publisher => queue.Publisher;

    public bool LocksExpire => false;

    public async Task<ChaosDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.Broker.Orders.ReceiveAsync(maxWait, cancellationToken) is { } delivery ? new ChaosDelivery(delivery.Message, delivery) : null;

    public async Task<ChaosDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.Broker.DeadLetters.ReceiveAsync(maxWait, cancellationToken) is { } delivery ? new ChaosDelivery(delivery.Message, delivery) : null;

    public bool IsLockLost(Exception exception) => exception is DeliveryLostException;

    public async Task<bool> DeadLetterIdleAsync()
    {
        var depths = await queue.Broker.ReadDepthsAsync(CancellationToken.None);
        return depths.DeadLetterReady == 0 && depths.DeadLetterHeld == 0;
    }

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
