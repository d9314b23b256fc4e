using System.Diagnostics.Metrics;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// Counters of the dispatch flow (System.Diagnostics.Metrics, meter "AsyncFunctions.Dispatch").
/// Storage and bus operations are counted too, so benchmarks can report round-trips per order.
/// </summary>
public sealed class DispatchMetrics : IDisposable
{
    public const string MeterName = "AsyncFunctions.Dispatch";

    /// <summary>The entities-read counter's name.</summary>
    public const string EntitiesReadInstrument = "dispatch.storage.entities_read";

    /// <summary>The scanning-queries counter's name; kinds <see cref="CrossPartitionScan"/> and <see cref="FilteredPartitionScan"/>.</summary>
    public const string ScansInstrument = "dispatch.storage.scans";

    /// <summary>The receives counter's name: every delivery a handler got, by queue (Service Bus bills each one).</summary>
    public const string ReceivesInstrument = "dispatch.bus.receives";

    /// <summary>The histogram of how long a dead-lettered message waited, from its enqueue to its recording.</summary>
    public const string DeadLetterTimeInQueueInstrument = "dispatch.deadletter.time_in_queue";

    /// <summary>Order messages that arrived in a session other than their order's zone (a partner that set the wrong SessionId).</summary>
    public const string SessionMismatchesInstrument = "dispatch.orders.session_mismatches";

    public const string CrossPartitionScan = "cross-partition";
    public const string FilteredPartitionScan = "filtered-partition";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _assigned;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _storageOperations;
    private readonly Counter<long> _busOperations;
    private readonly Counter<long> _entitiesRead;
    private readonly Counter<long> _scans;
    private readonly Counter<long> _receives;
    private readonly Counter<long> _sessionMismatches;
    private readonly Histogram<double> _timeToAssigned;
    private readonly Histogram<double> _timeAwaitingDriver;
    private readonly Histogram<double> _deadLetterTimeInQueue;

    /// <summary>Bucket boundaries in seconds, from 5 ms to 30 min: a hot-path assignment and a long wait for a driver both land in a bucket that tells them apart.</summary>
    public static IReadOnlyList<double> DurationBoundaries { get; } =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    public DispatchMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _received = _meter.CreateCounter<long>("dispatch.orders.received", description: "Order messages handled by the assigner.");
        _assigned = _meter.CreateCounter<long>("dispatch.orders.assigned", description: "Orders assigned to a driver.");
        _retried = _meter.CreateCounter<long>("dispatch.orders.retried", description: "Retries scheduled (no driver free, not ready yet, claimed elsewhere).");
        _deadLettered = _meter.CreateCounter<long>("dispatch.orders.deadlettered", description: "Messages the engine dead-lettered, by reason.");
        _duplicates = _meter.CreateCounter<long>("dispatch.orders.duplicates", description: "Deliveries and submissions found to be duplicates.");
        _conflicts = _meter.CreateCounter<long>("dispatch.etag.conflicts", description: "ETag conflicts that forced a re-read.");
        _storageOperations = _meter.CreateCounter<long>("dispatch.storage.operations", description: "Table operations, by kind.");
        _busOperations = _meter.CreateCounter<long>("dispatch.bus.operations", description: "Service Bus operations (send, schedule, settle), by kind.");
        _entitiesRead = _meter.CreateCounter<long>(EntitiesReadInstrument, description: "Entities a table call read or passed over (what Table Storage bills and spends time on), by kind.");
        _scans = _meter.CreateCounter<long>(ScansInstrument, description: "Queries that scan: across partitions, or filtered on properties inside one, by kind.");
        // Apart from dispatch.bus.operations (sends, schedules, settlements), so round-trip figures that add receives
        // themselves do not count them twice.
        _receives = _meter.CreateCounter<long>(ReceivesInstrument, "{message}", "Deliveries the handlers received (each one a billed receive), by queue.");
        // The boundaries travel as advice, so every host's SDK (local OTLP, Azure Monitor) uses them without a view of its own.
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBoundaries };
        _sessionMismatches = _meter.CreateCounter<long>(SessionMismatchesInstrument, "{message}",
            "Order messages whose session was not their zone: served, but without the one-holder-per-zone guarantee, by source.");
        _timeToAssigned = _meter.CreateHistogram<double>("dispatch.order.time_to_assigned", "s", "From the order's acceptance to its assignment.", advice: advice);
        _timeAwaitingDriver = _meter.CreateHistogram<double>("dispatch.order.time_awaiting_driver", "s", "How long an assigned order had waited for a free driver.", advice: advice);
        _deadLetterTimeInQueue = _meter.CreateHistogram<double>(DeadLetterTimeInQueueInstrument, "s", "From a dead-lettered message's enqueue to its recording, by reason.", advice: advice);
    }

    /// <summary>This instance's meter, so a listener can tell its measurements from another container's of the same name.</summary>
    public Meter Meter => _meter;

    public void Received() => _received.Add(1);

    public void Assigned(string zone) => _assigned.Add(1, new KeyValuePair<string, object?>("zone", zone));

    /// <summary>An order was assigned <paramref name="sinceAccepted"/> after intake, having waited <paramref name="awaitingDriver"/> for a driver (null: never waited).</summary>
    public void AssignedAfter(string zone, TimeSpan sinceAccepted, TimeSpan? awaitingDriver)
    {
        var tag = new KeyValuePair<string, object?>("zone", zone);
        _timeToAssigned.Record(Math.Max(0, sinceAccepted.TotalSeconds), tag);
        if (awaitingDriver is { } waited)
            _timeAwaitingDriver.Record(Math.Max(0, waited.TotalSeconds), tag);
    }

    /// <summary>A handler received a delivery from <paramref name="queue"/> (the orders queue or its dead-letter sub-queue).</summary>
    public void Receive(string queue) => _receives.Add(1, new KeyValuePair<string, object?>("queue", queue));

    /// <summary>A dead-lettered message was recorded <paramref name="sinceEnqueued"/> after it was enqueued.</summary>
    public void DeadLetterRecorded(string reason, TimeSpan sinceEnqueued) =>
        _deadLetterTimeInQueue.Record(Math.Max(0, sinceEnqueued.TotalSeconds), new KeyValuePair<string, object?>("reason", reason));

    public void SessionMismatch(string source) => _sessionMismatches.Add(1, new KeyValuePair<string, object?>("source", source));

    public void Retried(string why) => _retried.Add(1, new KeyValuePair<string, object?>("why", why));

    public void DeadLettered(string reason) => _deadLettered.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Duplicate(string where) => _duplicates.Add(1, new KeyValuePair<string, object?>("where", where));

    public void Conflict(string where) => _conflicts.Add(1, new KeyValuePair<string, object?>("where", where));

    public void StorageOperation(string kind) => _storageOperations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void BusOperation(string kind) => _busOperations.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void EntitiesRead(string kind, long count) => _entitiesRead.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public void Scan(string kind) => _scans.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => _meter.Dispose();
}
