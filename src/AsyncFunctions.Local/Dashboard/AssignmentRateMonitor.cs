using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// Listens to the assignment counter of this host's <see cref="DispatchMetrics"/> and keeps one bucket
/// per second for the last minute. It listens only to meters made by this host's IMeterFactory, so two
/// hosts in one process (tests) do not count each other's assignments.
/// </summary>
public sealed class AssignmentRateMonitor : IDisposable
{
    /// <summary>The instrument DispatchMetrics.Assigned adds to.</summary>
    public const string AssignedInstrument = "dispatch.orders.assigned";

    public const int WindowSeconds = 60;
    private const int AverageOverSeconds = 5;

    private readonly Lock _gate = new();
    private readonly long[] _counts = new long[WindowSeconds];
    private readonly long[] _secondOf = new long[WindowSeconds];
    private readonly MeterListener _listener;
    private readonly TimeProvider _time;
    private long _total;

    public AssignmentRateMonitor(IMeterFactory? meterFactory, TimeProvider time)
    {
        _time = time;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DispatchMetrics.MeterName && instrument.Name == AssignedInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Record(value));
        // Started here, not in a hosted service, so no assignment made while the host starts is missed.
        _listener.Start();
    }

    public void Record(long count)
    {
        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % WindowSeconds);
        lock (_gate)
        {
            if (_secondOf[slot] != second)
            {
                _secondOf[slot] = second;
                _counts[slot] = 0;
            }

            _counts[slot] += count;
            _total += count;
        }
    }

    /// <summary>The last minute of complete seconds; the second still running is left out so the rate does not dip at every poll.</summary>
    public AssignmentRate Read()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var series = new long[WindowSeconds];
        long total;
        lock (_gate)
        {
            total = _total;
            for (var i = 0; i < WindowSeconds; i++)
            {
                var second = now - WindowSeconds + i;
                var slot = (int)(second % WindowSeconds);
                series[i] = _secondOf[slot] == second ? _counts[slot] : 0;
            }
        }

        var recent = series.AsSpan(WindowSeconds - AverageOverSeconds);
        long sum = 0;
        foreach (var count in recent)
            sum += count;
        return new AssignmentRate(total, (double)sum / AverageOverSeconds, series);
    }

    public void Dispose() => _listener.Dispose();
}
