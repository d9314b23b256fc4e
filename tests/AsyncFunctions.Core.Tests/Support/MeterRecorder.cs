using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// Sums what one meter instance records, keyed "instrument tag=value …" in tag order. Only the given
/// instance is listened to: parallel tests publish meters of the same name.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _sums = new();

    public MeterRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum recorded under <paramref name="key"/> ("dispatch.orders.assigned zone=z"), 0 if none.</summary>
    public long this[string key] => _sums.GetValueOrDefault(key);

    /// <summary>Reads the observable gauges once; their values replace, not add to, what was read before.</summary>
    public void ReadGauges()
    {
        foreach (var key in _sums.Keys.Where(k => k.StartsWith(GaugePrefix, StringComparison.Ordinal)))
            _sums.TryRemove(key, out _);
        _listener.RecordObservableInstruments();
    }

    private const string GaugePrefix = "gauge:";

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = (instrument.IsObservable ? GaugePrefix : "") + instrument.Name;
        foreach (var tag in tags)
            key += $" {tag.Key}={tag.Value}";
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
    }

    public void Dispose() => _listener.Dispose();
}
