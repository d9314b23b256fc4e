using System.Diagnostics.Metrics;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// Counters of the outage handling, on the same meter as <see cref="Diagnostics.DispatchMetrics"/>: breaker
/// transitions, in-process retries, rescheduled copies, held abandons and messages given up on.
/// </summary>
public sealed class ResilienceMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _rescheduled;
    private readonly Counter<long> _held;
    private readonly Counter<long> _gaveUp;

    public ResilienceMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(Diagnostics.DispatchMetrics.MeterName) ?? new Meter(Diagnostics.DispatchMetrics.MeterName);
        _transitions = _meter.CreateCounter<long>("dispatch.circuit.transitions", description: "Breaker state changes, by dependency and new state.");
        _retries = _meter.CreateCounter<long>("dispatch.transient.retries", description: "In-process retries after a transient failure, by dependency.");
        _rescheduled = _meter.CreateCounter<long>("dispatch.transient.rescheduled", description: "Messages rescheduled as a delayed copy instead of abandoned, by dependency.");
        _held = _meter.CreateCounter<long>("dispatch.transient.held", description: "Messages held for the abandon delay because nothing could be scheduled, by dependency.");
        _gaveUp = _meter.CreateCounter<long>("dispatch.transient.gaveup", description: "Messages dead-lettered after failing transiently for the whole give-up time, by dependency.");
    }

    public Meter Meter => _meter;

    public void Transition(Dependency dependency, string state) =>
        _transitions.Add(1, new("dependency", DependencyNames.Of(dependency)), new("state", state));

    public void Retried(Dependency dependency) => _retries.Add(1, new KeyValuePair<string, object?>("dependency", DependencyNames.Of(dependency)));

    public void Rescheduled(Dependency dependency) => _rescheduled.Add(1, new KeyValuePair<string, object?>("dependency", DependencyNames.Of(dependency)));

    public void Held(Dependency dependency) => _held.Add(1, new KeyValuePair<string, object?>("dependency", DependencyNames.Of(dependency)));

    public void GaveUp(Dependency dependency) => _gaveUp.Add(1, new KeyValuePair<string, object?>("dependency", DependencyNames.Of(dependency)));

    public void Dispose() => _meter.Dispose();
}
