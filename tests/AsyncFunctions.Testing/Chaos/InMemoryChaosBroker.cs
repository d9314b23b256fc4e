using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>The in-process broker (Service Bus semantics: locks expire, duplicates are detected) as a chaos run's broker.</summary>
public sealed class InMemoryChaosBroker(InMemoryQueue queue) : IChaosBroker
{
    public IMessagePublisher Publisher => queue;

    public bool LocksExpire => true;

    public async Task<ChaosDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.ReceiveAsync(maxWait, cancellationToken) is { } locked ? new ChaosDelivery(locked.Message, locked) : null;

    public async Task<ChaosDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.ReceiveDeadLetterAsync(maxWait, cancellationToken) is { } locked ? new ChaosDelivery(locked.Message, locked) : null;

    public bool IsLockLost(Exception exception) => exception is MessageLockLostException;

    public Task<bool> DeadLetterIdleAsync()
    {
        var dlq = queue.DeadLetterCounts();
        return Task.FromResult(dlq.Active == 0 && dlq.Locked == 0);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
