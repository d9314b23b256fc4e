using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Resilience;

/// <summary>The breakers of this instance, one per dependency, shared by every consumer, the sweeper and intake.</summary>
public sealed class DependencyCircuits
{
    public DependencyCircuits(IOptions<ResilienceOptions> options, TimeProvider time, ResilienceMetrics metrics, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger<DependencyCircuits>();
        Storage = new DependencyCircuit(Dependency.Storage, options.Value, time, metrics, logger);
        Bus = new DependencyCircuit(Dependency.Bus, options.Value, time, metrics, logger);
        // 1 while a breaker is open or half-open: the gauge an alert watches.
        metrics.Meter.CreateObservableGauge("dispatch.circuit.open", () => new[]
        {
            new System.Diagnostics.Metrics.Measurement<int>(Storage.State == Polly.CircuitBreaker.CircuitState.Closed ? 0 : 1, new KeyValuePair<string, object?>("dependency", "storage")),
            new System.Diagnostics.Metrics.Measurement<int>(Bus.State == Polly.CircuitBreaker.CircuitState.Closed ? 0 : 1, new KeyValuePair<string, object?>("dependency", "bus")),
        }, description: "1 while the dependency's breaker is open or half-open.");
    }

    public DependencyCircuit Storage { get; }

    public DependencyCircuit Bus { get; }

    /// <summary>The latest recovery of either dependency: what the outbox relay's catch-up sweep starts from.</summary>
    public DateTimeOffset? LastRecoveredAt => (Storage.LastRecoveredAt, Bus.LastRecoveredAt) switch
    {
        ({ } storage, { } bus) => storage > bus ? storage : bus,
        (var storage, var bus) => storage ?? bus,
    };

    public IReadOnlyList<CircuitSnapshot> Snapshot() => [Storage.Snapshot(), Bus.Snapshot()];
}
