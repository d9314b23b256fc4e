using System.Collections.Concurrent;
using AsyncFunctions.LoadGen.Load;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>
/// What the event feed has told the run about its own orders: per order, the latest status by sequence, when it
/// was accepted and assigned (server clock), and how long after its POST the run heard of the assignment (client
/// clock). Events about orders the run did not send are counted and otherwise ignored.
/// </summary>
internal sealed class FollowedOrders(OrderLedger ledger, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, FollowedOrder> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _seenAssignedMs = [];
    private long _received;
    private long _aboutRun;
    private int _final;
    private string? _error;

    /// <summary>Orders seen Assigned, Delivered or DeadLettered.</summary>
    public int FinalCount => Volatile.Read(ref _final);

    public string? Error => Volatile.Read(ref _error);

    public void Fail(string error) => Interlocked.CompareExchange(ref _error, error, null);

    public void Add(FollowedEvent followed, long receivedAt)
    {
        ArgumentNullException.ThrowIfNull(followed);
        Interlocked.Increment(ref _received);
        if (!ledger.TryGetSentAt(followed.OrderId, out var sentAt))
            return;
        Interlocked.Increment(ref _aboutRun);
        var order = _orders.GetOrAdd(followed.OrderId, _ => new FollowedOrder());
        var (becameFinal, firstAssigned) = order.Apply(followed);
        if (firstAssigned)
            _seenAssignedMs.Add(time.GetElapsedTime(sentAt, receivedAt).TotalMilliseconds);
        if (becameFinal)
            Interlocked.Increment(ref _final);
    }

    public FollowedOrder? Find(string orderId) => _orders.GetValueOrDefault(orderId);

    public FollowFigures Figures(int accepted)
    {
        var seen = _seenAssignedMs.Order().ToArray();
        var aboutRun = Interlocked.Read(ref _aboutRun);
        return FollowFigures.Of(seen, accepted, aboutRun, Interlocked.Read(ref _received) - aboutRun);
    }
}
