using System.ComponentModel.DataAnnotations;
using AsyncFunctions.Core.Assignment;

namespace AsyncFunctions.Core.Configuration;

/// <summary>Timing and retry policy of the engine (app settings Dispatch__*). Defaults suit production.</summary>
public sealed class DispatchOptions : IValidatableObject
{
    public const string SectionName = "Dispatch";

    /// <summary>How long a claim (InProgress) holds; keep it below the queue's lock duration.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait when no driver is free; doubles per attempt up to <see cref="DriverRetryMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan DriverRetryInitial { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The cap of that wait; at least <see cref="DriverRetryInitial"/>.</summary>
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

    /// <summary>
    /// Orders one sweep looks at, over all zones. When a zone fills it, the next sweep starts with the zone
    /// after it, so every zone is served in turn.
    /// </summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = Sweeping.OutboxRelay.BatchSize;

    /// <summary>
    /// How long a Delivered order stays readable before the sweep deletes it with its directory entry (then
    /// GET /api/orders/{id} answers 404, and the id may be used again). Null, the default, keeps every order.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan? DeliveredRetention { get; set; }

    /// <summary>Re-reads after ETag conflicts before the message is abandoned for a later try.</summary>
    [Range(1, 100)]
    public int MaxConflictRetries { get; set; } = 8;

    /// <summary>At most this many waiting orders are woken when capacity frees up in a zone.</summary>
    [Range(1, 1000)]
    public int MaxWakeups { get; set; } = 20;

    /// <summary>
    /// Write the claim (InProgress + lease) as its own step before picking a driver. Off by default: the
    /// order's ETag read in step 1 is the claim, checked by the assignment transaction (docs/performance.md).
    /// </summary>
    public bool ClaimBeforeAssign { get; set; }

    /// <summary>
    /// How long a zone's driver roster read by this instance is reused for picking; zero reads it for
    /// every order. A stale entry is harmless: the transaction's driver ETag refuses it and the roster is re-read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan DriverRosterCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Let one assignment at a time per zone pick and commit in this instance, so concurrent consumers do
    /// not all race for the same nearest driver. ETags still guard across instances.
    /// </summary>
    public bool SerializeAssignmentsPerZone { get; set; } = true;

    /// <summary>
    /// Pick among this many drivers the rule ranks first instead of the nearest alone (<see cref="Drivers.SpreadPick"/>),
    /// each instance keeping to its own choice among them; 1 is the plain rule.
    /// </summary>
    [Range(1, 16)]
    public int SpreadAmongNearest { get; set; } = 1;

    /// <summary>With <see cref="SpreadAmongNearest"/> above 1, how much farther than the nearest driver (km) a spread pick may go.</summary>
    [Range(0.0, 100.0)]
    public double SpreadMaxExtraKm { get; set; } = 1.0;

    /// <summary>The wait before retry <paramref name="attempt"/> with these settings; see <see cref="DriverRetrySchedule"/>.</summary>
    public TimeSpan DriverRetryDelay(int attempt) => DriverRetrySchedule.Delay(attempt, DriverRetryInitial, DriverRetryMax);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CappedBackoff.CheckCap(DriverRetryInitial, DriverRetryMax, nameof(DriverRetryInitial), nameof(DriverRetryMax)) is { } driverRetry)
            yield return driverRetry;
    }
}
