namespace AsyncFunctions.Core.Storage;

/// <summary>One entity as Table Storage holds it: keys, a flat property bag and the ETag of the version read.</summary>
/// <remarks>
/// Property values are limited to the types Table Storage stores natively:
/// string, int, long, double, bool, DateTimeOffset and byte[].
/// </remarks>
public sealed record TableRow(
    string PartitionKey,
    string RowKey,
    IReadOnlyDictionary<string, object?> Properties,
    string ETag = "",
    DateTimeOffset? Timestamp = null)
{
    public T? Get<T>(string name) =>
        Properties.TryGetValue(name, out var value) && value is T typed ? typed : default;

    public string? GetString(string name) => Get<string>(name);

    public int GetInt(string name) => Properties.TryGetValue(name, out var value) ? value switch
    {
        int i => i,
        long l => checked((int)l),
        _ => 0,
    } : 0;

    public DateTimeOffset? GetTime(string name) =>
        Properties.TryGetValue(name, out var value) && value is DateTimeOffset time ? time : null;
}
