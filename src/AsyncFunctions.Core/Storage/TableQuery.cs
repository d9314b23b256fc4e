namespace AsyncFunctions.Core.Storage;

/// <summary>
/// A query Table Storage can serve: an optional partition, an optional RowKey range
/// (from inclusive, to exclusive) and property conditions joined with AND.
/// </summary>
public sealed record TableQuery
{
    public string? PartitionKey { get; init; }

    public string? RowKeyFrom { get; init; }

    public string? RowKeyTo { get; init; }

    public IReadOnlyList<PropertyCondition> Conditions { get; init; } = [];

    /// <summary>Stops after this many rows; null reads all pages.</summary>
    public int? Take { get; init; }

    /// <summary>All rows of one partition whose RowKey starts with <paramref name="prefix"/>.</summary>
    public static TableQuery PartitionPrefix(string partitionKey, string prefix, params PropertyCondition[] conditions) => new()
    {
        PartitionKey = partitionKey,
        RowKeyFrom = prefix,
        RowKeyTo = PrefixEnd(prefix),
        Conditions = conditions,
    };

    /// <summary>The smallest key greater than every key with this prefix (last char + 1).</summary>
    public static string PrefixEnd(string prefix) =>
        prefix.Length == 0 ? "\uffff" : string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(prefix[^1] + 1)).ToString());
}
