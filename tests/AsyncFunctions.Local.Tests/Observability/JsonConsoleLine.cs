using System.Text.Json;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>One entry of the JSON console formatter (its property names are this record's): category, message and the properties of every scope, merged.</summary>
public sealed record JsonConsoleLine(string Category, string Message, IReadOnlyDictionary<string, string?> Scopes, string Raw)
{
    /// <summary>The line parsed, or null when it is not a JSON log entry (the host may print other text).</summary>
    public static JsonConsoleLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith('{'))
            return null;
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        var scopes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (root.TryGetProperty(nameof(Scopes), out var list))
        {
            foreach (var scope in list.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                foreach (var property in scope.EnumerateObject())
                    scopes[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
            }
        }

        return new JsonConsoleLine(root.GetProperty(nameof(Category)).GetString()!, root.GetProperty(nameof(Message)).GetString() ?? string.Empty, scopes, line);
    }
}
