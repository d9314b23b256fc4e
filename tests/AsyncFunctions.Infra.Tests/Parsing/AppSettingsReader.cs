namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>Reads the function app's settings and runtime from Bicep text.</summary>
public static class AppSettingsReader
{
    /// <summary>Key → value expression of every <c>config</c> resource named 'appsettings' in the documents.</summary>
    public static IReadOnlyDictionary<string, string> Read(IEnumerable<BicepDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var configs = documents.SelectMany(d => d.Resources)
            .Where(r => r.Type.EndsWith("config", StringComparison.OrdinalIgnoreCase)
                && BicepDocument.Property(r.Body, "name") == "'appsettings'");
        foreach (var config in configs)
        {
            var properties = BicepDocument.PropertyBlock(config.Body, "properties") ?? "{}";
            foreach (var key in BicepDocument.ObjectKeys(properties))
            {
                settings[key] = BicepDocument.Property(properties, key) ?? string.Empty;
            }
        }

        return settings;
    }

    /// <summary>The <c>functionAppConfig.runtime.name</c> of the first Microsoft.Web/sites resource, unquoted, or null.</summary>
    public static string? FunctionAppRuntimeName(IEnumerable<BicepDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var site = documents.SelectMany(d => d.ResourcesOfType("Microsoft.Web/sites")).FirstOrDefault(r => !r.IsExisting);
        var config = site is null ? null : BicepDocument.PropertyBlock(site.Body, "functionAppConfig");
        var runtime = config is null ? null : BicepDocument.PropertyBlock(config, "runtime");
        return runtime is null ? null : BicepDocument.Property(runtime, "name")?.Trim('\'');
    }
}
