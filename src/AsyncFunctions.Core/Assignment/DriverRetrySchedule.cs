using AsyncFunctions.Core.Configuration;

namespace AsyncFunctions.Core.Assignment;

/// <summary>
/// How a retry is scheduled when no driver is free. The wait doubles per attempt from the initial delay
/// up to the cap; <see cref="OrderAssigner"/> moves the order to AwaitingDriver with NextAttemptAt set to
/// now plus this delay (<c>OrderLifecycle.AwaitDriver</c>), and returns a <c>RetryLater</c> outcome whose
/// copy <c>OutcomeSettler</c> schedules for that time before completing the current one. The doubling
/// itself is the <see cref="CappedBackoff"/> rule every retry setting shares.
/// </summary>
public static class DriverRetrySchedule
{
    /// <summary>The wait before retry number <paramref name="attempt"/> (1 = the first retry; lower counts as 1).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max) => CappedBackoff.Delay(attempt, initial, max);
}
