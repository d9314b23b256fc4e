using System.ComponentModel.DataAnnotations;

namespace AsyncFunctions.Core.Configuration;

/// <summary>
/// The one rule for a wait that doubles per try from a first delay up to a cap, and for the pair of
/// settings that define it: the driver retries (Dispatch:DriverRetryInitial / DriverRetryMax), the
/// rescheduled copies of a failing message (Resilience:RescheduleInitialDelay / RescheduleMaxDelay) and
/// the in-process retries (Resilience:InProcessRetryDelay / InProcessRetryMaxDelay).
/// </summary>
public static class CappedBackoff
{
    /// <summary>The wait before try number <paramref name="attempt"/> (1 = the first; lower counts as 1).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan cap)
    {
        // Clamped at 2^30 so a long outage cannot overflow the multiplication; the cap wins long before that.
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(initial.Ticks * factor, cap.Ticks));
    }

    /// <summary>
    /// Refuses a cap below the first delay: every wait would silently be the cap, which is a typo, not a
    /// policy. Null when the pair is consistent; otherwise the error names both settings.
    /// </summary>
    public static ValidationResult? CheckCap(TimeSpan initial, TimeSpan cap, string initialName, string capName) =>
        cap < initial ? new ValidationResult($"{capName} must not be below {initialName}.", [capName]) : null;
}
