using System.Globalization;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// Helpers over evaluated template values: strings, booleans, longs, lists, ordinal
/// dictionaries and <see cref="Unresolved"/>.
/// </summary>
public static class ArmValue
{
    /// <summary>The value at a dotted path ("siteConfig.minTlsVersion"), or null when a step is missing.</summary>
    public static object? At(object? root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var current = root;
        foreach (var step in path.Split('.'))
        {
            if (current is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(step, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The dictionary at a dotted path; fails the test when it is not one.</summary>
    public static IReadOnlyDictionary<string, object?> ObjectAt(object? root, string path) =>
        At(root, path) as IReadOnlyDictionary<string, object?>
            ?? throw new InvalidOperationException($"'{path}' is not an object in the compiled template.");

    /// <summary>Text as it would appear in a string: strings as-is, unresolved parts as &lt;expression&gt;.</summary>
    public static string Text(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        Unresolved u => $"<{u.Text}>",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(Literal)) + "]",
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Literal(kv.Value)}")) + "}",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The value written as an ARM expression argument (strings quoted), for unresolved text.</summary>
    public static string Literal(object? value) => value switch
    {
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        Unresolved u => u.Text,
        _ => Text(value),
    };
}
