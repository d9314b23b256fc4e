using System.Text.Json;

namespace AsyncFunctions.Infra.Tests.Settings;

/// <summary>The <c>Values</c> of local.settings.sample.json: the settings contract the app runs against locally.</summary>
public static class LocalSettingsSample
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>True for values that are connection strings locally and must become identity-based settings in Azure.</summary>
    public static bool IsConnectionString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith("UseDevelopmentStorage=", StringComparison.OrdinalIgnoreCase)
            || value.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase)
            || value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase);
    }
}
