namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// The key layout. Orders and drivers of a zone share one partition of the dispatch table, so
/// "order Assigned + driver capacity taken" is a single entity-group transaction. The directory
/// table maps an id to its zone, one partition per id, so lookups by id are point reads.
/// </summary>
public static class EntityKeys
{
    public const string OrderPrefix = "order:";
    public const string DriverPrefix = "driver:";
    public const string DirectoryOrderRow = "order";
    public const string DirectoryDriverRow = "driver";
    public const string DeadLetterPartition = "deadletter";

    /// <summary>The dispatch-table partition listing every zone (RowKey = zone); '~' is not a zone character, so it is no zone's partition.</summary>
    public const string ZoneListPartition = "~zones";

    public static string OrderRow(string orderId) => OrderPrefix + orderId;

    public static string DriverRow(string driverId) => DriverPrefix + driverId;
}
