using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// Sums the storage counters of one <see cref="DispatchMetrics"/> instance (tests run in parallel, each with its
/// own container, all on the same meter name): table operations, entities read and scans, per instrument and kind.
/// </summary>
public sealed class StorageReadMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public StorageReadMeter(DispatchMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            foreach (var tag in tags)
            {
                if (tag.Key == "kind")
                    _totals.AddOrUpdate($"{instrument.Name}/{tag.Value}", value, (_, total) => total + value);
            }
        });
        _listener.Start();
    }

    public long EntitiesRead => Total(DispatchMetrics.EntitiesReadInstrument);

    public long Scans => Total(DispatchMetrics.ScansInstrument);

    public long Operations => Total("dispatch.storage.operations");

    public long Total(string key) => _totals.GetValueOrDefault(key);

    /// <summary>Runs <paramref name="action"/> and returns what it cost: (operations, entities read, scans).</summary>
    public async Task<(long Operations, long EntitiesRead, long Scans)> MeasureAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var before = (Operations, EntitiesRead, Scans);
        await action();
        return (Operations - before.Operations, EntitiesRead - before.EntitiesRead, Scans - before.Scans);
    }

    public void Dispose() => _listener.Dispose();
}
