using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// Orders awaiting a driver, per zone, as gauges: how many (<see cref="CountInstrument"/>) and how long the oldest
/// has waited (<see cref="OldestAgeInstrument"/>, in seconds, growing between observations as the wait does).
/// Fed by <see cref="AwaitingDriverCensus"/> after each sweep; an instance that has not observed a zone lately
/// reports nothing for it, so a stale snapshot on an idle instance never looks like a stuck order.
/// </summary>
public sealed class AwaitingDriverGauges
{
    public const string CountInstrument = "dispatch.orders.awaiting_driver";

    /// <summary>The instrument the "orders awaiting a driver" alert watches in Application Insights (customMetrics).</summary>
    public const string OldestAgeInstrument = "dispatch.orders.awaiting_driver.oldest_age";

    /// <summary>How long an observation is reported: a few sweeps (every minute by default) past the last one.</summary>
    public static TimeSpan ObservationLifetime { get; } = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Observation> _zones = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public AwaitingDriverGauges(DispatchMetrics metrics, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _time = time;
        metrics.Meter.CreateObservableGauge(CountInstrument, () => Current(o => o.Count), "{order}",
            "Orders AwaitingDriver in the zone, as the last sweep counted them.");
        metrics.Meter.CreateObservableGauge(OldestAgeInstrument, () => Current(o => o.OldestSince is { } since ? Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds) : 0), "s",
            "How long the zone's oldest order AwaitingDriver has waited (0 when none waits).");
    }

    /// <summary>What a census saw in <paramref name="zone"/>: <paramref name="count"/> orders waiting, the oldest since <paramref name="oldestSince"/>.</summary>
    public void Observe(string zone, int count, DateTimeOffset? oldestSince) =>
        _zones[zone] = new Observation(count, oldestSince, _time.GetUtcNow());

    private IEnumerable<Measurement<double>> Current(Func<Observation, double> value)
    {
        var freshAfter = _time.GetUtcNow() - ObservationLifetime;
        foreach (var (zone, observation) in _zones)
        {
            if (observation.ObservedAt >= freshAfter)
                yield return new Measurement<double>(value(observation), new KeyValuePair<string, object?>("zone", zone));
        }
    }

    private sealed record Observation(int Count, DateTimeOffset? OldestSince, DateTimeOffset ObservedAt);
}
