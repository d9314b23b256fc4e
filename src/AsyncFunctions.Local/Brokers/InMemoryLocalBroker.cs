using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Dashboard;

namespace AsyncFunctions.Local.Brokers;

/// <summary>
/// The in-process broker (the default): Service Bus semantics, gone with the process. Its consumers receive as one
/// session holder (the local host is one instance), which on a session-enabled queue holds the zones it serves.
/// </summary>
public sealed class InMemoryLocalBroker(InMemoryQueue queue, SessionHolder holder) : ILocalBroker
{
    public string OrdersEntity => queue.Name;

    public string DeadLetterEntity => $"{queue.Name}/$DeadLetterQueue";

    public async Task<BrokerDelivery?> ReceiveOrderAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.ReceiveAsync(maxWait, holder, cancellationToken) is { } locked ? new BrokerDelivery(locked.Message, locked) : null;

    public async Task<BrokerDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await queue.ReceiveDeadLetterAsync(maxWait, cancellationToken) is { } locked ? new BrokerDelivery(locked.Message, locked) : null;

    public bool IsLockLost(Exception exception) => exception is MessageLockLostException;

    public Task<BrokerView> ReadViewAsync(CancellationToken cancellationToken)
    {
        var main = queue.Counts();
        var dlq = queue.DeadLetterCounts();
        return Task.FromResult(new BrokerView(main.Active, main.Scheduled, main.Locked, main.DuplicatesDropped, dlq.Active, dlq.Locked));
    }
}
