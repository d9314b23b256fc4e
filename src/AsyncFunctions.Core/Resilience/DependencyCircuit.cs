using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// The breaker of one dependency (Polly's ratio-based circuit breaker). Every call to the dependency
/// runs through it; when it opens, calls fail at once without reaching the service, consumers pause
/// (<see cref="TryAdmit"/>) and, after the break duration, one probe is let through half-open.
/// Each transition is logged once and counted.
/// </summary>
public sealed partial class DependencyCircuit
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ResilienceMetrics _metrics;
    private readonly ILogger _logger;
    private long _probeDueTicks;
    private long _sinceTicks;
    private long _recoveredTicks;
    private int _probeTaken;
    private int _openings;

    public DependencyCircuit(Dependency dependency, ResilienceOptions options, TimeProvider time, ResilienceMetrics metrics, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Dependency = dependency;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _sinceTicks = time.GetUtcNow().UtcTicks;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time, Name = $"{DependencyNames.Of(dependency)}-breaker" }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = _state,
                // Only failures that say "the service is not answering" count; a 404, 409 or 412 is an answer.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                    && TransientFailures.IsTransient(ex, args.Context.CancellationToken) && !TransientFailures.IsCircuitOpen(ex)),
                OnOpened = args =>
                {
                    Interlocked.Increment(ref _openings);
                    Volatile.Write(ref _probeDueTicks, (_time.GetUtcNow() + args.BreakDuration).UtcTicks);
                    Volatile.Write(ref _probeTaken, 0);
                    Moved("open");
                    LogOpened(_logger, DependencyNames.Of(Dependency), args.BreakDuration.TotalSeconds, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    Moved("half-open");
                    LogHalfOpened(_logger, DependencyNames.Of(Dependency));
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    // Polly closes only from half-open: this is a recovery after an outage, which the outbox relay catches up on.
                    Volatile.Write(ref _recoveredTicks, _time.GetUtcNow().UtcTicks);
                    Moved("closed");
                    LogClosed(_logger, DependencyNames.Of(Dependency));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public Dependency Dependency { get; }

    public CircuitState State => _state.CircuitState;

    /// <summary>When the breaker last closed after an outage (its half-open probe succeeded); null if it never opened.</summary>
    public DateTimeOffset? LastRecoveredAt => Volatile.Read(ref _recoveredTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    /// <summary>
    /// True while work must not start: open and still cooling down, or half-open with its probe under way.
    /// Once the cool-down is over it is false again, so the next call is the probe.
    /// </summary>
    public bool IsBlocking => State switch
    {
        CircuitState.Closed => false,
        CircuitState.Open => _time.GetUtcNow().UtcTicks < Volatile.Read(ref _probeDueTicks),
        _ => true,
    };

    /// <summary>
    /// For consumers that can stop taking messages: closed admits everyone; an open breaker past its
    /// cool-down admits exactly one probe at a time (returned with <see cref="ReleaseProbe"/>).
    /// </summary>
    public bool TryAdmit(out bool isProbe)
    {
        isProbe = false;
        var state = State;
        if (state == CircuitState.Closed)
            return true;
        if (state != CircuitState.Open || _time.GetUtcNow().UtcTicks < Volatile.Read(ref _probeDueTicks))
            return false;
        isProbe = Interlocked.CompareExchange(ref _probeTaken, 1, 0) == 0;
        return isProbe;
    }

    public void ReleaseProbe() => Volatile.Write(ref _probeTaken, 0);

    public CircuitSnapshot Snapshot() => new(DependencyNames.Of(Dependency), StateName(State),
        new DateTimeOffset(Volatile.Read(ref _sinceTicks), TimeSpan.Zero), Volatile.Read(ref _openings));

    // Awaited, not passed through: Coyote's rewrite of the core (Concurrency.Tests) turns a bare ValueTask<T>
    // pass-through into an invalid program (InvalidProgramException at this method).
    public async ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(call, cancellationToken);

    private void Moved(string state)
    {
        Volatile.Write(ref _sinceTicks, _time.GetUtcNow().UtcTicks);
        _metrics.Transition(Dependency, state);
    }

    private static string StateName(CircuitState state) => state switch
    {
        CircuitState.Closed => "closed",
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half-open",
        _ => "isolated",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Dependency} opened for {BreakSeconds} s after repeated transient failures (last: {LastError}); consumers pause")]
    private static partial void LogOpened(ILogger logger, string dependency, double breakSeconds, string? lastError);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {Dependency} half-open: probing with one call")]
    private static partial void LogHalfOpened(ILogger logger, string dependency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit of {Dependency} closed: the dependency answers again")]
    private static partial void LogClosed(ILogger logger, string dependency);
}
