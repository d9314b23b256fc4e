namespace AsyncFunctions.Core.Messaging;

/// <summary>Peek-lock settlement of one received message (ServiceBusMessageActions over Azure).</summary>
public interface IMessageSettlement
{
    Task CompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Releases the lock; the broker redelivers and dead-letters after maxDeliveryCount.</summary>
    Task AbandonAsync(CancellationToken cancellationToken = default);

    Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default);
}
