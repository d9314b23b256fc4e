using System.Text.Json;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// Flags a compiled template that reads, builds or stores a key: everything in Azure here is
/// identity-based, so any of these means a secret would end up in a deployment or an app setting.
/// Descriptions (metadata) are prose and are not scanned.
/// </summary>
public static class SecretScanner
{
    private static readonly string[] ForbiddenTokens =
    [
        "listKeys(",
        "listConnectionStrings(",
        "listAccountSas(",
        "listServiceSas(",
        "listSecrets(",
        "AccountKey=",
        "SharedAccessKey",
        "InstrumentationKey=",
    ];

    private static readonly string[] ForbiddenTypes =
    [
        "Microsoft.ServiceBus/namespaces/authorizationRules",
        "Microsoft.ServiceBus/namespaces/queues/authorizationRules",
    ];

    public static IReadOnlyList<string> Find(JsonElement template)
    {
        var findings = new List<string>();
        Scan(template, "$", findings);
        return findings;
    }

    private static void Scan(JsonElement element, string path, List<string> findings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject().Where(p => p.Name != "metadata"))
                {
                    Scan(property.Value, $"{path}.{property.Name}", findings);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Scan(item, $"{path}[{i++}]", findings);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                findings.AddRange(ForbiddenTokens
                    .Where(token => text.Contains(token, StringComparison.OrdinalIgnoreCase))
                    .Select(token => $"{path}: contains '{token}'"));
                findings.AddRange(ForbiddenTypes
                    .Where(type => path.EndsWith(".type", StringComparison.Ordinal) && text.Equals(type, StringComparison.OrdinalIgnoreCase))
                    .Select(type => $"{path}: creates {type} (a SAS key)"));
                break;
        }
    }
}
