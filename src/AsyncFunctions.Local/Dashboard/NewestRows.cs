namespace AsyncFunctions.Local.Dashboard;

/// <summary>Keeps the <c>capacity</c> newest items seen in one pass: O(n log k) time, O(k) memory, whatever n is.</summary>
internal sealed class NewestRows<T>(int capacity)
{
    private readonly PriorityQueue<T, DateTimeOffset> _heap = new(capacity + 1);

    public void Offer(T item, DateTimeOffset at)
    {
        if (_heap.Count < capacity)
        {
            _heap.Enqueue(item, at);
            return;
        }

        if (_heap.TryPeek(out _, out var oldest) && at > oldest)
            _heap.EnqueueDequeue(item, at);
    }

    /// <summary>Newest first.</summary>
    public List<T> Drain()
    {
        var items = new List<T>(_heap.Count);
        while (_heap.TryDequeue(out var item, out _))
            items.Add(item);
        items.Reverse();
        return items;
    }
}
