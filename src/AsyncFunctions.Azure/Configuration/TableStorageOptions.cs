namespace AsyncFunctions.Azure.Configuration;

/// <summary>
/// Where the app's own tables live (app settings Storage__*). In Azure only the endpoint is set and
/// the identity signs in; the connection string exists for Azurite and local runs only.
/// </summary>
public sealed class TableStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Storage__TableServiceUri, for example https://stxyz.table.core.windows.net/.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Storage__ConnectionString: "UseDevelopmentStorage=true" for Azurite. Wins over the URI when both are set, as connection settings do in the Functions host.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Storage__CreateTables: create the app's tables at start. Unset: only on a connection string (in Azure the Bicep made them).</summary>
    public bool? CreateTables { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool CreatesTablesAtStart => CreateTables ?? UsesConnectionString;

    public bool IsConfigured => UsesConnectionString || TableServiceUri is { IsAbsoluteUri: true };

    public const string MissingMessage =
        "Table storage is not configured: set Storage__TableServiceUri (Azure, identity-based) or Storage__ConnectionString (Azurite or local runs only).";
}
