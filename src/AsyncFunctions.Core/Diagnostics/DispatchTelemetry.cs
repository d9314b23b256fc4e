namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// The names every host hands its OpenTelemetry SDK, in one place: a source or meter added to the core is
/// exported by the local host and the Functions app alike, or by neither.
/// </summary>
public static class DispatchTelemetry
{
    /// <summary>The ActivitySources of the dispatch flow (<see cref="DispatchTracing"/>).</summary>
    public static IReadOnlyList<string> SourceNames { get; } = [DispatchTracing.SourceName];

    /// <summary>
    /// The meters of the dispatch flow: <see cref="DispatchMetrics"/> and
    /// <see cref="Resilience.ResilienceMetrics"/> (which share the one name).
    /// </summary>
    public static IReadOnlyList<string> MeterNames { get; } = [DispatchMetrics.MeterName];
}
