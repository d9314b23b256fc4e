using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Benchmarks.Measuring;

/// <summary>
/// Listens to the core's meter ("AsyncFunctions.Dispatch") and sums each counter, per instrument and
/// per kind tag (kind, where, why, reason). Runs are sequential, so a snapshot before and after one
/// run isolates it.
/// </summary>
internal sealed class DispatchCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public DispatchCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DispatchMetrics.MeterName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>A copy of every total so far, keyed "instrument" and "instrument/tag".</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_totals, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before) =>
        after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key), StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        foreach (var tag in tags)
        {
            if (tag.Key is "kind" or "where" or "why" or "reason")
                _totals.AddOrUpdate($"{instrument.Name}/{tag.Value}", value, (_, total) => total + value);
        }
    }
}
