using System.Text.Json;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// What expressions in one template see: its parameters (supplied values, else their defaults),
/// its variables, and the current copy index inside a loop. A nested deployment gets its own scope.
/// </summary>
public sealed class ArmScope
{
    private readonly JsonElement _template;
    private readonly IReadOnlyDictionary<string, object?> _supplied;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);

    public ArmScope(JsonElement template, IReadOnlyDictionary<string, object?> suppliedParameters, long? copyIndex = null)
    {
        _template = template;
        _supplied = suppliedParameters;
        CopyIndex = copyIndex;
    }

    public long? CopyIndex { get; }

    public ArmScope InLoop(long index) => new(_template, _supplied, index);

    public object? Parameter(string name)
    {
        if (_supplied.TryGetValue(name, out var value))
        {
            return value;
        }

        if (_parameters.TryGetValue(name, out value))
        {
            return value;
        }

        value = _template.TryGetProperty("parameters", out var declarations)
            && declarations.TryGetProperty(name, out var declaration)
            && declaration.TryGetProperty("defaultValue", out var defaultValue)
                ? Evaluate(defaultValue)
                : new Unresolved($"parameters('{name}')");
        _parameters[name] = value;
        return value;
    }

    public object? Variable(string name)
    {
        if (!_variables.TryGetValue(name, out var value))
        {
            value = _template.GetProperty("variables").TryGetProperty(name, out var declaration)
                ? Evaluate(declaration)
                : throw new InvalidOperationException($"variables('{name}') is not declared.");
            _variables[name] = value;
        }

        return value;
    }

    /// <summary>A JSON value of the template with every "[expression]" string in it evaluated.</summary>
    public object? Evaluate(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => EvaluateString(element.GetString()!),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => element.EnumerateArray().Select(Evaluate).ToList(),
        _ => element.EnumerateObject().ToDictionary(p => ArmValue.Text(EvaluateString(p.Name)), p => Evaluate(p.Value), StringComparer.Ordinal),
    };

    private object? EvaluateString(string text)
    {
        if (text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text[1..]; // "[[" escapes a literal '['.
        }

        return text.Length >= 2 && text[0] == '[' && text[^1] == ']'
            ? ArmExpression.Evaluate(text[1..^1], this)
            : text;
    }
}
