namespace AsyncFunctions.Infra.Tests.Settings;

/// <summary>
/// Decides whether deployed app settings provide every setting the app needs, the way the
/// Functions host and our code resolve them in Azure: a connection X is satisfied only by
/// identity-based <c>X__*</c> settings, never by X itself (that would be a connection string).
/// </summary>
public static class AppSettingsCoverage
{
    /// <summary>Settings whose Azure form is a different setting name.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        // Locally a connection string (Azurite); in Azure the table endpoint, used with DefaultAzureCredential.
        ["Storage__ConnectionString"] = "Storage__TableServiceUri",
    };

    /// <summary>Provided by <c>functionAppConfig.runtime</c> on Flex Consumption, never as an app setting.</summary>
    public const string WorkerRuntimeSetting = "FUNCTIONS_WORKER_RUNTIME";

    private static readonly string[] ServiceLocationSuffixes =
        ["__fullyQualifiedNamespace", "__serviceUri", "__blobServiceUri", "__queueServiceUri", "__tableServiceUri", "__accountName"];

    /// <summary>Human-readable problems; empty when every required setting is provided.</summary>
    public static IReadOnlyList<string> Problems(
        IEnumerable<SettingReference> required,
        IReadOnlyDictionary<string, string> provided,
        string? functionAppRuntimeName)
    {
        ArgumentNullException.ThrowIfNull(required);
        ArgumentNullException.ThrowIfNull(provided);
        var problems = new List<string>();
        foreach (var setting in required.DistinctBy(r => (r.Name, r.IsConnection)))
        {
            if (setting.Name == WorkerRuntimeSetting)
            {
                if (provided.ContainsKey(WorkerRuntimeSetting))
                {
                    problems.Add($"{WorkerRuntimeSetting} must not be an app setting on Flex Consumption (from {setting.Source}).");
                }

                if (functionAppRuntimeName != "dotnet-isolated")
                {
                    problems.Add($"functionAppConfig.runtime.name must be 'dotnet-isolated' (was '{functionAppRuntimeName}').");
                }
            }
            else if (Renamed.TryGetValue(setting.Name, out var azureName))
            {
                if (!provided.ContainsKey(azureName))
                {
                    problems.Add($"{setting.Name} (from {setting.Source}) needs {azureName} in Azure.");
                }
            }
            else if (setting.IsConnection)
            {
                problems.AddRange(ConnectionProblems(setting, provided));
            }
            else if (!provided.ContainsKey(setting.Name))
            {
                problems.Add($"{setting.Name} (from {setting.Source}) is not set.");
            }
        }

        return problems;
    }

    private static IEnumerable<string> ConnectionProblems(SettingReference connection, IReadOnlyDictionary<string, string> provided)
    {
        var name = connection.Name;
        if (provided.ContainsKey(name))
        {
            yield return $"{name} is set directly (a connection string); use identity-based {name}__* settings.";
        }

        if (!provided.TryGetValue($"{name}__credential", out var credential) || credential.Trim('\'') != "managedidentity")
        {
            yield return $"{name}__credential must be 'managedidentity' (from {connection.Source}).";
        }

        if (!provided.ContainsKey($"{name}__clientId"))
        {
            yield return $"{name}__clientId is not set, so the host would not pick the user-assigned identity.";
        }

        if (!ServiceLocationSuffixes.Any(suffix => provided.ContainsKey(name + suffix)))
        {
            yield return $"{name} has no service location setting ({string.Join(", ", ServiceLocationSuffixes.Select(s => name + s))}).";
        }
    }
}
