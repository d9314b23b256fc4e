using System.ComponentModel.DataAnnotations;
using System.Globalization;
using AsyncFunctions.Core.Configuration;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// Retry and circuit-breaker policy for transient failures of table storage and the bus (app settings
/// Resilience__*). One block, so "how long do we try before giving up" is answered in one place.
/// </summary>
public sealed class ResilienceOptions : IValidatableObject
{
    public const string SectionName = "Resilience";

    /// <summary>Retries of one message's handling inside its lock before it is rescheduled; 0 reschedules at once.</summary>
    [Range(0, 10)]
    public int InProcessRetries { get; set; } = 3;

    /// <summary>First in-process wait; doubles per retry with jitter, capped at <see cref="InProcessRetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan InProcessRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan InProcessRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Delay of the first rescheduled copy; doubles per copy (with jitter) up to <see cref="RescheduleMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RescheduleInitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RescheduleMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Total time a message may keep failing transiently (from its first failure) before it is dead-lettered.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a message that cannot be rescheduled (the bus refuses, or the dead-letter queue, which has no
    /// scheduling) is held before it is abandoned, so an outage never turns into a redelivery hot loop. Keep it
    /// well below the queue's lock duration.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan AbandonDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The peek-lock duration of the orders queue (infra/: lockDuration PT1M; the local host takes its Local:LockDuration).
    /// Everything that runs while a message is locked, the in-process retries and the abandon hold, must stay well inside it,
    /// or the lock expires mid-way and the broker redelivers the message with its delivery count raised: the burnt delivery
    /// this policy exists to avoid.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MessageLockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest the in-process retries can wait in all: every wait at its cap (jitter never exceeds it).</summary>
    public TimeSpan MaxInProcessRetryTime => InProcessRetryMaxDelay * InProcessRetries;

    /// <summary>Share of failed calls within <see cref="BreakerSamplingDuration"/> that opens a dependency's breaker.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within the sampling window before the ratio counts: one failure alone never opens it.</summary>
    [Range(2, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open breaker stops the work before one probe is let through (half-open).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CappedBackoff.CheckCap(InProcessRetryDelay, InProcessRetryMaxDelay, nameof(InProcessRetryDelay), nameof(InProcessRetryMaxDelay)) is { } inProcess)
            yield return inProcess;
        if (CappedBackoff.CheckCap(RescheduleInitialDelay, RescheduleMaxDelay, nameof(RescheduleInitialDelay), nameof(RescheduleMaxDelay)) is { } reschedule)
            yield return reschedule;
        if (GiveUpAfter <= RescheduleMaxDelay)
            yield return new ValidationResult("GiveUpAfter must be longer than RescheduleMaxDelay, or no message is ever rescheduled twice.", [nameof(GiveUpAfter)]);
        var withinLock = MessageLockDuration / 2;
        if (AbandonDelay > withinLock)
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                $"Resilience:AbandonDelay ({AbandonDelay.TotalSeconds:0.###} s) must be at most half the message lock (Resilience:MessageLockDuration, on the local host Local:LockDuration: {MessageLockDuration.TotalSeconds:0.###} s), or the lock expires while the message is held and the delivery is burnt anyway."),
                [nameof(AbandonDelay)]);
        if (MaxInProcessRetryTime > withinLock)
            yield return new ValidationResult(string.Create(CultureInfo.InvariantCulture,
                $"Resilience:InProcessRetries × Resilience:InProcessRetryMaxDelay ({InProcessRetries} × {InProcessRetryMaxDelay.TotalSeconds:0.###} s) must be at most half the message lock (Resilience:MessageLockDuration, on the local host Local:LockDuration: {MessageLockDuration.TotalSeconds:0.###} s): the retries run while the message is locked."),
                [nameof(InProcessRetries), nameof(InProcessRetryMaxDelay)]);
    }

    /// <summary>The delay before rescheduled copy <paramref name="copy"/> (1-based), before jitter.</summary>
    public TimeSpan RescheduleDelay(int copy) => CappedBackoff.Delay(copy, RescheduleInitialDelay, RescheduleMaxDelay);
}
