using AsyncFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AsyncFunctions.Functions.Adapters;

/// <summary>
/// Converts between the core's <see cref="TableRow"/> and the SDK's <see cref="TableEntity"/>. Only
/// the types Table Storage stores natively pass; nulls are left out, because Table Storage has no
/// null properties (a missing property reads back as absent, which is what the core expects).
/// </summary>
internal static class TableEntityConverter
{
    // Keys the SDK keeps in a TableEntity's dictionary that are not user properties.
    private static readonly HashSet<string> SystemKeys = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag", "odata.metadata",
    };

    public static TableEntity ToEntity(TableRow row)
    {
        Check(row);
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row.Properties)
        {
            if (value is not null)
                entity[name] = value;
        }

        return entity;
    }

    public static TableRow ToRow(TableEntity entity)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (!SystemKeys.Contains(name) && !name.Contains("@odata.", StringComparison.Ordinal))
                properties[name] = value;
        }

        return new TableRow(entity.PartitionKey, entity.RowKey, properties, entity.ETag.ToString(), entity.Timestamp);
    }

    /// <summary>Refuses locally, as 400, what the service would refuse, so Azure and Azurite fail the same way as the in-memory store.</summary>
    public static void Check(TableRow row)
    {
        if (!TableLimits.IsValidKey(row.PartitionKey) || !TableLimits.IsValidKey(row.RowKey))
            throw BadRequest($"Key '{row.PartitionKey}'/'{row.RowKey}' contains a character Table Storage refuses or is too long.");
        if (row.Properties.Count > TableLimits.MaxPropertyCount)
            throw BadRequest($"Entity has {row.Properties.Count} properties; the limit is {TableLimits.MaxPropertyCount}.");
        foreach (var (name, value) in row.Properties)
        {
            switch (value)
            {
                case null or int or long or double or bool or DateTimeOffset:
                    break;
                case string s when s.Length > TableLimits.MaxStringChars:
                    throw BadRequest($"Property '{name}' holds {s.Length} characters; the limit is {TableLimits.MaxStringChars}.");
                case byte[] b when b.Length > TableLimits.MaxBinaryBytes:
                    throw BadRequest($"Property '{name}' holds {b.Length} bytes; the limit is {TableLimits.MaxBinaryBytes}.");
                case string or byte[]:
                    break;
                default:
                    throw BadRequest($"Property '{name}' has type {value.GetType().Name}, which Table Storage cannot store.");
            }
        }
    }

    public static string ETagOf(Response response) => response.Headers.ETag?.ToString() ?? string.Empty;

    private static TableStorageException BadRequest(string message) => new(TableErrorKind.BadRequest, message);
}
