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

    /// <summary>
    /// A double, also when stored as a whole number: Table Storage returns an integer-like Edm.Double
    /// (52.0) without a type annotation, so clients read it back as Int32 (azure-sdk-for-js#19899).
    /// </summary>
    public double GetDouble(string name) => Properties.TryGetValue(name, out var value) ? value switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => 0,
    } : 0;

    public DateTimeOffset? GetTime(string name) =>
        Properties.TryGetValue(name, out var value) && value is DateTimeOffset time ? time : null;
}
