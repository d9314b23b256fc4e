using System.Collections.Concurrent;
using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>What became of every order of a run; safe to update from many requests at once.</summary>
internal sealed class OrderLedger
{
    private readonly ConcurrentDictionary<string, TrackedOrder> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _rejected = new();
    private readonly ConcurrentBag<double> _latenciesMs = [];
    private readonly ConcurrentBag<double> _submitMs = [];
    private readonly ConcurrentBag<double> _polledSeenAssignedMs = [];
    private readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private long _polls;
    private int _submitted;
    private int _accepted;
    private int _duplicates;
    private int _transportErrors;
    private int _assigned;
    private int _deadLettered;
    private int _delivered;

    public int Submitted => Volatile.Read(ref _submitted);

    public int Accepted => Volatile.Read(ref _accepted);

    public int Assigned => Volatile.Read(ref _assigned);

    public int DeadLettered => Volatile.Read(ref _deadLettered);

    public int Rejected => _rejected.Values.Sum();

    public int TransportErrors => Volatile.Read(ref _transportErrors);

    public int PendingCount => _pending.Count;

    public int Awaiting => _pending.Values.Count(o => o.LastStatus == "AwaitingDriver");

    public IEnumerable<TrackedOrder> Pending => _pending.Values;

    public void Submitted1() => Interlocked.Increment(ref _submitted);

    /// <summary>When the order's first POST went out: an event about it may arrive before the POST's answer does.</summary>
    public void Sending(string orderId, long timestamp) => _sentAt.TryAdd(orderId, timestamp);

    /// <summary>Whether the run sent this order, and when.</summary>
    public bool TryGetSentAt(string orderId, out long timestamp) => _sentAt.TryGetValue(orderId, out timestamp);

    public void Polled() => Interlocked.Increment(ref _polls);

    /// <summary>A poll answered Assigned for the first time, this long after the order's POST (client clock).</summary>
    public void PolledAssigned(TimeSpan sinceSent) => _polledSeenAssignedMs.Add(sinceSent.TotalMilliseconds);

    public FollowFigures PollFigures() => FollowFigures.Of(_polledSeenAssignedMs.Order().ToArray(), Accepted, Interlocked.Read(ref _polls), 0);

    public void Accept(string orderId, DateTimeOffset firstPollAt)
    {
        Interlocked.Increment(ref _accepted);
        _pending[orderId] = new TrackedOrder(orderId, firstPollAt);
    }

    public void SubmitTook(TimeSpan elapsed) => _submitMs.Add(elapsed.TotalMilliseconds);

    public void Delivered() => Interlocked.Increment(ref _delivered);

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void Reject(int status) => _rejected.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void TransportError() => Interlocked.Increment(ref _transportErrors);

    /// <summary>Assigned (or already Delivered) is final for the run; the server's own timestamps give the latency.</summary>
    /// <returns>False when the order was resolved already.</returns>
    public bool Resolve(TrackedOrder order, string status, double? submitToAssignedMs)
    {
        if (!_pending.TryRemove(order.OrderId, out _))
            return false;
        if (status == "DeadLettered")
        {
            Interlocked.Increment(ref _deadLettered);
            return true;
        }

        Interlocked.Increment(ref _assigned);
        if (submitToAssignedMs is { } ms)
            _latenciesMs.Add(ms);
        return true;
    }

    public LoadSummary Summarize(int orders, int drivers, TimeSpan submitDuration, TimeSpan elapsed, FollowReport? follow = null)
    {
        var latencies = _latenciesMs.Order().ToArray();
        var submits = _submitMs.Order().ToArray();
        return new LoadSummary(
            orders,
            drivers,
            Submitted,
            submitDuration,
            elapsed,
            Accepted,
            Volatile.Read(ref _duplicates),
            new SortedDictionary<int, int>(_rejected),
            TransportErrors,
            Assigned,
            Awaiting,
            PendingCount - Awaiting,
            DeadLettered,
            Volatile.Read(ref _delivered),
            latencies.Length,
            Percentile.Of(latencies, 0.50),
            Percentile.Of(latencies, 0.99),
            latencies.Length > 0 ? latencies[^1] : null,
            Percentile.Of(submits, 0.50),
            Percentile.Of(submits, 0.99),
            follow);
    }
}
