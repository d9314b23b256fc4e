namespace AsyncFunctions.Core.Events;

/// <summary>
/// Markers of events this process has published but not yet deleted, per partition, so the relay deletes them in
/// batches (one transaction for up to 100 markers of a partition) instead of one delete per event. Losing them in a
/// crash costs only a re-send by the sweep, which the topic's duplicate detection drops.
/// </summary>
internal sealed class PublishedMarkers
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<OrderEvent>> _byPartition = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _oldest = new(StringComparer.Ordinal);

    public void Add(string partition, IEnumerable<OrderEvent> events, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_byPartition.TryGetValue(partition, out var list))
                _byPartition[partition] = list = [];
            list.AddRange(events);
            _oldest.TryAdd(partition, now);
        }
    }

    /// <summary>Takes the partitions whose markers fill a batch or waited <paramref name="maxAge"/> (all of them when <paramref name="all"/>).</summary>
    public List<(string Partition, List<OrderEvent> Events)> TakeDue(DateTimeOffset now, TimeSpan maxAge, int batch, bool all)
    {
        lock (_gate)
        {
            var due = _byPartition
                .Where(p => all || p.Value.Count >= batch || now - _oldest[p.Key] >= maxAge)
                .Select(p => (p.Key, p.Value)).ToList();
            foreach (var (partition, _) in due)
            {
                _byPartition.Remove(partition);
                _oldest.Remove(partition);
            }

            return due;
        }
    }
}
