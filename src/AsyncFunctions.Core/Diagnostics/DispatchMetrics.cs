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
    }

    /// <summary>This instance's meter, so a listener can tell its measurements from another container's of the same name.</summary>
    public Meter Meter => _meter;

    public void Received() => _received.Add(1);

    public void Assigned(string zone) => _assigned.Add(1, new KeyValuePair<string, object?>("zone", zone));

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
