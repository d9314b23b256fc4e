using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// Percentiles of submit → Assigned over the last <see cref="WindowSeconds"/>, from the
/// <c>dispatch.order.time_to_assigned</c> histogram of this host's <see cref="DispatchMetrics"/>.
/// The histogram, not the orders' timestamps: it is the very measurement exported to Azure Monitor, a
/// MeterListener sees each raw value (exact percentiles, not bucket estimates), it costs the snapshot's scan
/// nothing, and an order row keeps no assignment time (UpdatedAt moves on at delivery). Like
/// <see cref="AssignmentRateMonitor"/>, it listens only to meters made by this host's IMeterFactory.
/// </summary>
public sealed class AssignmentLatencyMonitor : IDisposable
{
    /// <summary>The histogram DispatchMetrics.AssignedAfter records, in seconds.</summary>
    public const string TimeToAssignedInstrument = "dispatch.order.time_to_assigned";

    public const int WindowSeconds = 300;

    /// <summary>Memory bound: at most this many of the newest assignments are kept (~1.6 MB); beyond it the window is shorter.</summary>
    public const int MaxSamples = 100_000;

    private readonly Lock _gate = new();
    private readonly Queue<(DateTimeOffset At, double Seconds)> _samples = new();
    private readonly MeterListener _listener;
    private readonly TimeProvider _time;

    public AssignmentLatencyMonitor(IMeterFactory? meterFactory, TimeProvider time)
    {
        _time = time;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == DispatchMetrics.MeterName && instrument.Name == TimeToAssignedInstrument && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => Record(seconds));
        // Started at construction (the host builds it before its workers start), so no assignment is missed.
        _listener.Start();
    }

    public void Record(double seconds)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _samples.Enqueue((now, seconds));
            if (_samples.Count > MaxSamples)
                _samples.Dequeue();
            Expire(now);
        }
    }

    public AssignmentLatency Read()
    {
        double[] values;
        lock (_gate)
        {
            Expire(_time.GetUtcNow());
            values = [.. _samples.Select(s => s.Seconds)];
        }

        if (values.Length == 0)
            return new AssignmentLatency(WindowSeconds, 0, null, null);
        Array.Sort(values);
        return new AssignmentLatency(WindowSeconds, values.Length, NearestRank(values, 0.50), NearestRank(values, 0.99));
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The nearest-rank percentile: the smallest value with at least <paramref name="quantile"/> of the values at or below it (an observed value, never an interpolation).</summary>
    private static double NearestRank(double[] sorted, double quantile) =>
        sorted[Math.Max(0, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private void Expire(DateTimeOffset now)
    {
        var oldest = now.AddSeconds(-WindowSeconds);
        while (_samples.TryPeek(out var sample) && sample.At < oldest)
            _samples.Dequeue();
    }
}
