using System.Text.RegularExpressions;

namespace AsyncFunctions.Infra.Tests.Parsing;

/// <summary>
/// Flags Bicep text that reads, builds or stores a key: everything in Azure here is
/// identity-based, so any of these means a secret would end up in a deployment or an app setting.
/// </summary>
public static partial class SecretScanner
{
    private static readonly string[] ForbiddenTokens =
    [
        "listKeys(",
        "listConnectionStrings(",
        "listAccountSas(",
        "listServiceSas(",
        "AccountKey=",
        "SharedAccessKey",
        "RootManageSharedAccessKey",
        "primaryKey",
        "secondaryKey",
        "InstrumentationKey",
        "Microsoft.ServiceBus/namespaces/authorizationRules",
        "Microsoft.ServiceBus/namespaces/queues/authorizationRules",
    ];

    public static IReadOnlyList<string> Find(string bicep, string source)
    {
        ArgumentNullException.ThrowIfNull(bicep);
        var text = BicepText.StripComments(bicep);
        var findings = ForbiddenTokens
            .Where(token => text.Contains(token, StringComparison.OrdinalIgnoreCase))
            .Select(token => $"{source}: contains '{token}'")
            .ToList();

        // A connection-string property is fine only when it carries no key material
        // (Application Insights' connection string is an endpoint, not a credential, once local auth is off).
        foreach (Match assignment in ConnectionStringAssignmentPattern().Matches(text))
        {
            var value = assignment.Groups["value"].Value;
            if (value.Contains("key", StringComparison.OrdinalIgnoreCase) || value.Contains("list", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{source}: connection string built from keys: {assignment.Value.Trim()}");
            }
        }

        return findings;
    }

    [GeneratedRegex(@"(?im)^\s*'?\w*connectionString\w*'?\s*:\s*(?<value>.+)$")]
    private static partial Regex ConnectionStringAssignmentPattern();
}
