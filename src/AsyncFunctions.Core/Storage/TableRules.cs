using System.Text.RegularExpressions;

namespace AsyncFunctions.Core.Storage;

/// <summary>
/// What Table Storage refuses with 400, checked once for every store: the in-memory store applies it
/// so tests catch what Azure would refuse, and the Azure adapter applies it before the round-trip so
/// Azure, Azurite and memory fail the same way, with the same message.
/// </summary>
public static partial class TableRules
{
    // Names the service keeps for itself; a user property of that name would not read back.
    private static readonly HashSet<string> SystemPropertyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "PartitionKey", "RowKey", "Timestamp",
    };

    /// <summary>Keys, property names, types, sizes and counts of one entity.</summary>
    public static void CheckRow(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!TableLimits.IsValidKey(row.PartitionKey) || !TableLimits.IsValidKey(row.RowKey))
            throw BadRequest($"Key '{row.PartitionKey}'/'{row.RowKey}' contains a character Table Storage refuses or is too long.");
        if (row.Properties.Count > TableLimits.MaxPropertyCount)
            throw BadRequest($"Entity has {row.Properties.Count} properties; the limit is {TableLimits.MaxPropertyCount}.");

        long size = 4 + (row.PartitionKey.Length + row.RowKey.Length) * 2;
        foreach (var (name, value) in row.Properties)
        {
            CheckPropertyName(name);
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

    /// <summary>An entity-group transaction: 1 to 100 actions, one partition, each entity once, every row valid.</summary>
    public static void CheckTransaction(IReadOnlyList<TableAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > TableLimits.MaxTransactionActions)
            throw BadRequest($"A transaction holds 1 to {TableLimits.MaxTransactionActions} actions; this one has {actions.Count}.");
        if (actions.Select(a => a.Row.PartitionKey).Distinct(StringComparer.Ordinal).Count() > 1)
            throw BadRequest("All actions of a transaction must share one PartitionKey.");
        if (actions.Select(a => a.Row.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
            throw BadRequest("A transaction may touch each entity only once.");
        foreach (var action in actions)
            CheckRow(action.Row);
    }

    /// <summary>Property names are C# identifiers of up to 255 characters, and not one of the system names.</summary>
    public static bool IsValidPropertyName(string name) =>
        PropertyNamePattern().IsMatch(name) && !SystemPropertyNames.Contains(name);

    private static void CheckPropertyName(string name)
    {
        if (!IsValidPropertyName(name))
            throw BadRequest($"'{name}' is not a property name Table Storage accepts (a letter or '_', then letters, digits or '_', at most 255; not a system name).");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PropertyNamePattern();

    private static TableStorageException BadRequest(string message) => new(TableErrorKind.BadRequest, message);
}
