using AsyncFunctions.Core.Storage;
using Azure;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tables;

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
        TableRules.CheckRow(row);
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

    public static string ETagOf(Response response) => response.Headers.ETag?.ToString() ?? string.Empty;
}
