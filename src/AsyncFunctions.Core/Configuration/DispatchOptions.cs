using System.ComponentModel.DataAnnotations;

namespace AsyncFunctions.Core.Configuration;

/// <summary>Timing and retry policy of the engine (app settings Dispatch__*). Defaults suit production.</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>How long a claim (InProgress) holds; keep it below the queue's lock duration.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait when no driver is free; doubles per attempt up to <see cref="DriverRetryMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DriverRetryInitial { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DriverRetryMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Total time an order may wait for a driver before it is dead-lettered as NoDriverAvailable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan MaxAwaitingDriver { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Orders ready further ahead than this are scheduled for readyAt minus this lead time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ScheduleLeadTime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far past its due time an order must be before the sweeper re-publishes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Re-reads after ETag conflicts before the message is abandoned for a later try.</summary>
    [Range(1, 100)]
    public int MaxConflictRetries { get; set; } = 8;

    /// <summary>At most this many waiting orders are woken when capacity frees up in a zone.</summary>
    [Range(1, 1000)]
    public int MaxWakeups { get; set; } = 20;

    public TimeSpan DriverRetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(DriverRetryInitial.Ticks * factor, DriverRetryMax.Ticks));
        return delay;
    }
}
