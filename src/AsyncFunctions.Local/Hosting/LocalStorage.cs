using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// The --storage switch: where the local host keeps its tables. "memory" (the default) is the
/// in-process store; "azurite" is Azurite's table service on 127.0.0.1:10002; a URL is any table
/// endpoint, signed in with DefaultAzureCredential; anything else is a storage connection string.
/// </summary>
public static class LocalStorage
{
    public const string Memory = "memory";

    public const string Azurite = "azurite";

    /// <summary>Azurite's well-known development account on its default ports.</summary>
    public const string AzuriteConnectionString = "UseDevelopmentStorage=true";

    /// <summary>The raw store (not metered) that the dashboard reads, whichever store is in use.</summary>
    public const string DashboardStoreKey = "dashboard";

    public static bool IsMemory([NotNullWhen(false)] string? choice) =>
        string.IsNullOrWhiteSpace(choice) || choice.Equals(Memory, StringComparison.OrdinalIgnoreCase);

    /// <summary>The Storage:* settings <see cref="Azure.Configuration.TableStorageOptions"/> reads for this choice.</summary>
    public static Dictionary<string, string?> SettingsFor(string choice)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(choice);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // The local host owns its tables wherever they live: create them at start if missing.
            ["Storage:CreateTables"] = "true",
        };
        if (choice.Equals(Azurite, StringComparison.OrdinalIgnoreCase))
            settings["Storage:ConnectionString"] = AzuriteConnectionString;
        else if (Uri.TryCreate(choice, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            settings["Storage:TableServiceUri"] = uri.ToString();
        else
            settings["Storage:ConnectionString"] = choice;
        return settings;
    }
}
