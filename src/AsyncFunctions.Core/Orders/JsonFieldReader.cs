using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AsyncFunctions.Core.Orders;

/// <summary>
/// Reads typed fields of one JSON object and records a clear message per bad field, so a client
/// learns every problem of a request at once instead of one per round-trip.
/// </summary>
internal sealed class JsonFieldReader(JsonElement element, string path, ValidationErrors errors)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public ValidationErrors Errors => errors;

    public static bool IsObject(JsonElement element, string path, ValidationErrors errors)
    {
        if (element.ValueKind == JsonValueKind.Object)
            return true;
        errors.Add(Display(path), $"must be a JSON object, not {Describe(element.ValueKind)}.");
        return false;
    }

    public string? String(string name, bool required, Regex pattern, string patternHint)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return FailText(name, $"must be a string, not {Describe(value.ValueKind)}.");
        var text = value.GetString()!;
        if (text.Length is 0 or > OrderLimits.MaxIdLength)
            return FailText(name, $"must be 1 to {OrderLimits.MaxIdLength} characters long (got {text.Length}).");
        return pattern.IsMatch(text) ? text : FailText(name, $"may contain only {patternHint}.");
    }

    public double? Number(string name, double min, double max)
    {
        if (!TryGet(name, required: true, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
            return Fail<double>(name, $"must be a number, not {Describe(value.ValueKind)}.");
        return number >= min && number <= max ? number : Fail<double>(name, $"must be between {min} and {max} (got {number.ToString(CultureInfo.InvariantCulture)}).");
    }

    public int? Integer(string name, int min, int max, bool required = true)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number)
            return Fail<int>(name, $"must be a whole number, not {Describe(value.ValueKind)}.");
        if (!value.TryGetInt32(out var number))
            return Fail<int>(name, $"must be a whole number between {min} and {max}.");
        return number >= min && number <= max ? number : Fail<int>(name, $"must be between {min} and {max} (got {number}).");
    }

    public bool? Boolean(string name, bool required = true)
    {
        if (!TryGet(name, required, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail<bool>(name, $"must be true or false, not {Describe(value.ValueKind)}."),
        };
    }

    public DateTimeOffset? Timestamp(string name)
    {
        if (!TryGet(name, required: false, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return Fail<DateTimeOffset>(name, $"must be an ISO 8601 timestamp string, not {Describe(value.ValueKind)}.");
        var text = value.GetString()!;
        // An offset is required: a local time without one would mean different instants on different servers.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || Regex.IsMatch(text, @"[+-]\d{2}:\d{2}$");
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : Fail<DateTimeOffset>(name, "must be an ISO 8601 timestamp with an offset, such as 2026-01-31T18:30:00Z.");
    }

    public JsonElement? Child(string name, JsonValueKind kind, bool required = true)
    {
        if (!TryGet(name, required, out var value))
            return null;
        if (value.ValueKind == kind)
            return value;
        Fail<int>(name, $"must be {Describe(kind)}, not {Describe(value.ValueKind)}.");
        return null;
    }

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>Flags every property this reader was not asked for: unknown fields are refused, never ignored.</summary>
    public void RejectUnknown()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!_known.Contains(property.Name))
                errors.Add(PathOf(property.Name), "is not a known field.");
        }
    }

    public void Fail(string name, string message) => errors.Add(PathOf(name), message);

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        _known.Add(name);
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        if (required)
            errors.Add(PathOf(name), "is required.");
        return false;
    }

    private T? Fail<T>(string name, string message) where T : struct
    {
        errors.Add(PathOf(name), message);
        return null;
    }

    private string? FailText(string name, string message)
    {
        errors.Add(PathOf(name), message);
        return null;
    }

    private static string Display(string path) => path.Length == 0 ? "$" : path;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
