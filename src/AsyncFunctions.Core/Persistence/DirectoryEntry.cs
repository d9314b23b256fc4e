using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// Id → zone, one partition per id. For orders it is also the idempotency record: inserting it is
/// what claims an order id, and its payload hash decides duplicate (same) versus conflict (different).
/// </summary>
public sealed record DirectoryEntry(string Id, string Kind, string Zone, string? PayloadHash, DateTimeOffset CreatedAt, string ETag = "")
{
    public TableRow ToRow() => new(Id, Kind, new Dictionary<string, object?>
    {
        ["Zone"] = Zone,
        ["PayloadHash"] = PayloadHash,
        ["CreatedAt"] = CreatedAt,
    }, ETag);

    public static DirectoryEntry FromRow(TableRow row) =>
        new(row.PartitionKey, row.RowKey, row.GetString("Zone")!, row.GetString("PayloadHash"), row.GetTime("CreatedAt") ?? default, row.ETag);
}
