using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// The broker a chaos run sends to and consumes from: the in-process broker by default, or a real one
/// (RabbitMQ in AsyncFunctions.RabbitMq.Tests), so the same faults and the same audit run on both.
/// </summary>
public interface IChaosBroker : IAsyncDisposable
{
    IMessagePublisher Publisher { get; }

    /// <summary>
    /// True when an unsettled delivery comes back by itself after the lock duration (Service Bus). When false
    /// (RabbitMQ: only a closed channel hands it back), a simulated crash hands the delivery back explicitly,
    /// as the dead process's closed connection would.
    /// </summary>
    bool LocksExpire { get; }

    Task<ChaosDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    Task<ChaosDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>The broker took the message back before the settlement (lock expired, channel closed).</summary>
    bool IsLockLost(Exception exception);

    /// <summary>Nothing waits in the dead-letter queue and nothing there is being recorded.</summary>
    Task<bool> DeadLetterIdleAsync();
}

/// <summary>One received message and its settlement.</summary>
public sealed record ChaosDelivery(InboundMessage Message, IMessageSettlement Settlement);
