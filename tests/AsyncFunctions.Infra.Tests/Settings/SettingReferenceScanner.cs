using System.Text.RegularExpressions;

namespace AsyncFunctions.Infra.Tests.Settings;

/// <summary>
/// Finds the app settings that function code binds to: <c>%Name%</c> expressions inside
/// string literals (resolved from app settings by the Functions host) and
/// <c>Connection = "Name"</c> (a connection whose settings live under <c>Name__*</c>).
/// </summary>
public static partial class SettingReferenceScanner
{
    public static IReadOnlyList<SettingReference> ScanDirectory(string directory)
    {
        var separator = Path.DirectorySeparatorChar;
        return [.. Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                && !f.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .SelectMany(f => Scan(File.ReadAllText(f), Path.GetFileName(f)))];
    }

    public static IEnumerable<SettingReference> Scan(string code, string source)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (Match literal in StringLiteralPattern().Matches(code))
        {
            foreach (Match expression in AppSettingExpressionPattern().Matches(literal.Value))
            {
                yield return new SettingReference(expression.Groups["name"].Value, IsConnection: false, source);
            }
        }

        foreach (Match connection in ConnectionPattern().Matches(code))
        {
            yield return new SettingReference(connection.Groups["name"].Value, IsConnection: true, source);
        }
    }

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteralPattern();

    [GeneratedRegex(@"%(?<name>[A-Za-z_][A-Za-z0-9_.:]*)%")]
    private static partial Regex AppSettingExpressionPattern();

    [GeneratedRegex(@"\bConnection\s*=\s*""(?<name>[^""]+)""")]
    private static partial Regex ConnectionPattern();
}
