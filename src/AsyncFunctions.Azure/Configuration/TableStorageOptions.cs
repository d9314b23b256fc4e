using System.Diagnostics.CodeAnalysis;

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

    /// <summary>
    /// Storage__NetworkTimeout: how long one try may wait for an answer. The SDK's default (100 s, four tries)
    /// would hold an HTTP request for minutes when the table service stalls; failing in seconds lets the
    /// breaker open and intake answer 503 instead.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Storage__MaxRetries: the SDK's own retries per call; the outage policy retries above it.</summary>
    public int MaxRetries { get; set; } = 2;

    [MemberNotNullWhen(true, nameof(ConnectionString))]
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool CreatesTablesAtStart => CreateTables ?? UsesConnectionString;

    public bool IsConfigured => UsesConnectionString || TableServiceUri is { IsAbsoluteUri: true };

    public const string MissingMessage =
        "Table storage is not configured: set Storage__TableServiceUri (Azure, identity-based) or Storage__ConnectionString (Azurite or local runs only).";
}
