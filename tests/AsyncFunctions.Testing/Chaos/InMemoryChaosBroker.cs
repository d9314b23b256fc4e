using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// The in-process broker (Service Bus semantics: locks expire, duplicates are detected) as a chaos run's broker. On a
/// session-enabled queue the consumers receive through the <paramref name="holders"/> in turn, as if spread over that
/// many instances.
/// </summary>
public sealed class InMemoryChaosBroker(InMemoryQueue queue, IReadOnlyList<SessionHolder>? holders = null) : IChaosBroker
{
    private readonly IReadOnlyList<SessionHolder> _holders = holders ?? [];
    private int _turn;

    public IMessagePublisher Publisher => queue;

    public bool LocksExpire => true;

    public async Task<ChaosDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var locked = _holders.Count == 0
            ? await queue.ReceiveAsync(maxWait, cancellationToken)
            : await queue.ReceiveAsync(maxWait, _holders[(int)((uint)Interlocked.Increment(ref _turn) % (uint)_holders.Count)], cancellationToken);
        return locked is null ? null : new ChaosDelivery(locked.Message, locked);
    }

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
