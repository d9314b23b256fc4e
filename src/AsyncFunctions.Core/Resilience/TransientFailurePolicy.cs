using AsyncFunctions.Core.Handling;
using System.Globalization;
using AsyncFunctions.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// What the consumers do when a dependency fails in a way that may pass, in the order the issue asks:
/// retry in process with jittered exponential backoff (well inside the lock); if that is not enough,
/// reschedule a delayed copy carrying the attempt count and complete this one; dead-letter only
/// after <see cref="ResilienceOptions.GiveUpAfter"/>, with a reason naming the dependency; and when
/// even the bus cannot take a copy, hold the message for <see cref="ResilienceOptions.AbandonDelay"/>
/// and abandon it (the order is in the status table, the sweeper finds it). A message that arrives
/// while the storage breaker is open is rescheduled without touching storage.
/// </summary>
public sealed partial class TransientFailurePolicy
{
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _time;
    private readonly ResilienceMetrics _metrics;
    private readonly ILogger<TransientFailurePolicy> _logger;
    private readonly ResiliencePipeline<MessageOutcome>? _retry;

    public TransientFailurePolicy(IOptions<ResilienceOptions> options, DependencyCircuits circuits, TimeProvider time, ResilienceMetrics metrics, ILogger<TransientFailurePolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        Circuits = circuits;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _retry = BuildRetry();
    }

    public DependencyCircuits Circuits { get; }

    /// <summary>Runs the handling of one order message under the policy; non-transient failures escape (the poison path).</summary>
    public async Task<MessageOutcome> RunAsync(InboundMessage message, Func<CancellationToken, Task<MessageOutcome>> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(handle);
        if (Circuits.Storage.IsBlocking)
            return await AfterFailureAsync(message, Dependency.Storage, "the table storage circuit is open", cancellationToken);

        MessageOutcome outcome;
        try
        {
            outcome = await RetryingAsync(handle, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TransientFailures.IsTransient(ex, cancellationToken))
        {
            return await AfterFailureAsync(message, Dependency.Storage, $"{ex.GetType().Name}: {ex.Message}", cancellationToken);
        }

        // The engine abandons only when its ETag re-reads ran out under contention: that passes too.
        return outcome is MessageOutcome.Abandon contention
            ? await AfterFailureAsync(message, Dependency.Storage, contention.Note, cancellationToken)
            : outcome;
    }

    /// <summary>
    /// The dead-letter sub-queue has no scheduling and no delivery limit: retry in process, and when storage
    /// stays down hold the message before abandoning it, so recording never spins and nothing is lost.
    /// </summary>
    public async Task<MessageOutcome> RunRecordingAsync(InboundMessage message, Func<CancellationToken, Task<MessageOutcome>> record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(record);
        string error;
        if (Circuits.Storage.IsBlocking)
        {
            error = "the table storage circuit is open";
        }
        else
        {
            try
            {
                return await RetryingAsync(record, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TransientFailures.IsTransient(ex, cancellationToken))
            {
                error = $"{ex.GetType().Name}: {ex.Message}";
            }
        }

        await HoldAsync(Dependency.Storage, cancellationToken);
        return new MessageOutcome.Abandon($"Dead letter {message.MessageId} not recorded yet ({error}); held {_options.AbandonDelay.TotalSeconds:F1} s, then abandoned for another try.");
    }

    /// <summary>Waits the abandon delay, so a message that cannot be rescheduled comes back at that pace rather than at once.</summary>
    public async Task HoldAsync(Dependency dependency, CancellationToken cancellationToken)
    {
        _metrics.Held(dependency);
        if (_options.AbandonDelay <= TimeSpan.Zero)
            return;
        try
        {
            await Task.Delay(_options.AbandonDelay, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: abandon now.
        }
    }

    private async Task<MessageOutcome> AfterFailureAsync(InboundMessage message, Dependency dependency, string error, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var copies = TransientCopies.CopyOf(message);
        var since = TransientCopies.FirstFailureOf(message) ?? now;
        if (now - since >= _options.GiveUpAfter)
        {
            _metrics.GaveUp(dependency);
            LogGaveUp(_logger, message.MessageId, DependencyNames.Of(dependency), (now - since).TotalSeconds, copies);
            return new MessageOutcome.DeadLetter(DependencyNames.UnavailableReason(dependency), string.Create(CultureInfo.InvariantCulture,
                $"{DependencyNames.Describe(dependency)} kept failing for {(now - since).TotalSeconds:F0} s (limit {_options.GiveUpAfter.TotalSeconds:F0} s, {copies} rescheduled copies); last error: {error}"));
        }

        if (Circuits.Bus.IsBlocking)
        {
            // Nothing can be scheduled: hand it back, slowly. The order is in the status table; the sweeper finds it.
            await HoldAsync(dependency, cancellationToken);
            return new MessageOutcome.Abandon($"{DependencyNames.Describe(dependency)} failed ({error}) and the bus circuit is open; abandoned after {_options.AbandonDelay.TotalSeconds:F1} s.");
        }

        var copy = copies + 1;
        var due = now + Jittered(_options.RescheduleDelay(copy));
        _metrics.Rescheduled(dependency);
        LogRescheduled(_logger, message.MessageId, DependencyNames.Of(dependency), copy, due, error);
        return new MessageOutcome.RetryLater(TransientCopies.Next(message, copy, since, due),
            $"{DependencyNames.Describe(dependency)} failed ({error}); rescheduled as copy {copy} for {due:O}.");
    }

    // ±20 %: copies rescheduled together by one outage should not all come back in the same instant.
    private static TimeSpan Jittered(TimeSpan delay) => delay * (0.8 + (Random.Shared.NextDouble() * 0.4));

    // No retries configured: no pipeline at all, the handling runs as it is.
    private async Task<MessageOutcome> RetryingAsync(Func<CancellationToken, Task<MessageOutcome>> handle, CancellationToken cancellationToken) =>
        _retry is null ? await handle(cancellationToken) : await _retry.ExecuteAsync(async ct => await handle(ct), cancellationToken);

    private ResiliencePipeline<MessageOutcome>? BuildRetry()
    {
        if (_options.InProcessRetries == 0)
            return null;
        var builder = new ResiliencePipelineBuilder<MessageOutcome> { TimeProvider = _time, Name = "transient-retry" };
        return builder.AddRetry(new RetryStrategyOptions<MessageOutcome>
        {
            MaxRetryAttempts = _options.InProcessRetries,
            Delay = _options.InProcessRetryDelay,
            MaxDelay = _options.InProcessRetryMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            // An open breaker will not close within the lock: go straight to rescheduling.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex
                ? TransientFailures.IsTransient(ex, args.Context.CancellationToken) && !TransientFailures.IsCircuitOpen(ex)
                : args.Outcome.Result is MessageOutcome.Abandon),
            OnRetry = args =>
            {
                _metrics.Retried(Dependency.Storage);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId}: {Dependency} failed ({Error}); rescheduled as copy {Copy} for {Due}")]
    private static partial void LogRescheduled(ILogger logger, string messageId, string dependency, int copy, DateTimeOffset due, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId}: {Dependency} kept failing for {Seconds} s over {Copies} copies; dead-lettering it")]
    private static partial void LogGaveUp(ILogger logger, string messageId, string dependency, double seconds, int copies);
}
