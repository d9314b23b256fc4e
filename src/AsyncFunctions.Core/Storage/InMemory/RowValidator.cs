namespace AsyncFunctions.Core.Storage.InMemory;

/// <summary>Refuses, with 400 like the service, what Table Storage would refuse.</summary>
internal static class RowValidator
{
    public static void Validate(TableRow row)
    {
        if (!TableLimits.IsValidKey(row.PartitionKey) || !TableLimits.IsValidKey(row.RowKey))
            throw BadRequest($"Key '{row.PartitionKey}'/'{row.RowKey}' contains a character Table Storage refuses or is too long.");
        if (row.Properties.Count > TableLimits.MaxPropertyCount)
            throw BadRequest($"Entity has {row.Properties.Count} properties; the limit is {TableLimits.MaxPropertyCount}.");

        long size = 4 + (row.PartitionKey.Length + row.RowKey.Length) * 2;
        foreach (var (name, value) in row.Properties)
        {
            size += 8 + name.Length * 2 + value switch
            {
                null => 0,
                string s when s.Length > TableLimits.MaxStringChars => throw BadRequest($"Property '{name}' holds {s.Length} characters; the limit is {TableLimits.MaxStringChars}."),
                string s => 4 + s.Length * 2,
                byte[] b when b.Length > TableLimits.MaxBinaryBytes => throw BadRequest($"Property '{name}' holds {b.Length} bytes; the limit is {TableLimits.MaxBinaryBytes}."),
                byte[] b => 4 + b.Length,
                int or bool => 4,
                long or double or DateTimeOffset => 8,
                _ => throw BadRequest($"Property '{name}' has type {value.GetType().Name}, which Table Storage cannot store."),
            };
        }

        if (size > TableLimits.MaxEntityBytes)
            throw BadRequest($"Entity is about {size} bytes; the limit is {TableLimits.MaxEntityBytes}.");
    }

    private static TableStorageException BadRequest(string message) => new(TableErrorKind.BadRequest, message);
}
