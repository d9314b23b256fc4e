using System.Globalization;

namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>
/// The ARM template functions the compiled Bicep uses and that can be answered without Azure.
/// Everything else (reference, uniqueString, subscription, tenant, environment, guid ...) is
/// <see cref="Unresolved"/>: the tests assert where such a value comes from, not what it is.
/// </summary>
public static class ArmFunctions
{
    public static object? Invoke(string name, IReadOnlyList<object?> args, ArmScope scope)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(scope);
        var unresolvedArgument = args.Any(a => a is Unresolved);
        return name.ToLowerInvariant() switch
        {
            "parameters" => scope.Parameter(Text(args[0])),
            "variables" => scope.Variable(Text(args[0])),
            "copyindex" => scope.CopyIndex is { } i ? i + (args.Count > 0 && args[^1] is long offset ? offset : 0) : Later(name, args),
            "format" => string.Format(CultureInfo.InvariantCulture, Text(args[0]), [.. args.Skip(1).Select(ArmValue.Text)]),
            "concat" when args.All(a => a is IReadOnlyList<object?>) => args.Cast<IReadOnlyList<object?>>().SelectMany(a => a).ToList(),
            "concat" => string.Concat(args.Select(ArmValue.Text)),
            "createarray" => args.ToList(),
            "createobject" => CreateObject(args),
            "resourceid" => ResourceId(args),
            "subscriptionresourceid" => "/subscriptions/<subscription>" + ArmResourceId.Providing(Text(args[0]), [.. args.Skip(1).Select(ArmValue.Text)]),
            "extensionresourceid" => ArmValue.Text(args[0]) + ArmResourceId.Providing(Text(args[1]), [.. args.Skip(2).Select(ArmValue.Text)]),
            "if" when args[0] is bool condition => condition ? args[1] : args[2],
            _ when unresolvedArgument => Later(name, args),
            "string" => (object?)Serialized(args[0]) ?? Later(name, args),
            "tolower" => Text(args[0]).ToLowerInvariant(),
            "toupper" => Text(args[0]).ToUpperInvariant(),
            "empty" => IsEmpty(args[0]),
            "not" => !(bool)args[0]!,
            "and" => args.All(a => (bool)a!),
            "or" => args.Any(a => (bool)a!),
            "equals" => Equals(args[0], args[1]),
            "length" => (long)Count(args[0]),
            "take" when args[0] is string s => s[..(int)Math.Min(s.Length, (long)args[1]!)],
            "take" => ((IReadOnlyList<object?>)args[0]!).Take((int)(long)args[1]!).ToList(),
            "union" => Union(args),
            "coalesce" => args.FirstOrDefault(a => a is not null),
            "true" => true,
            "false" => false,
            "null" => null,
            _ => Later(name, args),
        };
    }

    private static Unresolved Later(string name, IReadOnlyList<object?> args) =>
        new($"{name}({string.Join(", ", args.Select(ArmValue.Literal))})");

    private static string Text(object? value) => value as string ?? ArmValue.Text(value);

    /// <summary>resourceId([subscriptionId], [resourceGroupName], type, name1, ...): the type is the first argument with a '/'.</summary>
    private static string ResourceId(IReadOnlyList<object?> args)
    {
        var typeIndex = args.ToList().FindIndex(a => a is string s && s.Contains('/', StringComparison.Ordinal));
        var prefix = typeIndex switch
        {
            2 => $"/subscriptions/{ArmValue.Text(args[0])}/resourceGroups/{ArmValue.Text(args[1])}",
            1 => $"/subscriptions/<subscription>/resourceGroups/{ArmValue.Text(args[0])}",
            _ => "/subscriptions/<subscription>/resourceGroups/<resourceGroup>",
        };
        return prefix + ArmResourceId.Providing(Text(args[typeIndex]), [.. args.Skip(typeIndex + 1).Select(ArmValue.Text)]);
    }

    private static Dictionary<string, object?> CreateObject(IReadOnlyList<object?> args)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            result[Text(args[i])] = args[i + 1];
        }

        return result;
    }

    private static object Union(IReadOnlyList<object?> args)
    {
        if (args.All(a => a is IReadOnlyList<object?>))
        {
            return args.Cast<IReadOnlyList<object?>>().SelectMany(a => a).Distinct().ToList();
        }

        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var map in args.Cast<IReadOnlyDictionary<string, object?>>())
        {
            foreach (var (key, value) in map)
            {
                result[key] = value;
            }
        }

        return result;
    }

    /// <summary>string(): a string as it is, anything else as JSON; null when a part is only known in Azure.</summary>
    private static string? Serialized(object? value)
    {
        if (value is string s)
        {
            return s;
        }

        return ContainsUnresolved(value) ? null : System.Text.Json.JsonSerializer.Serialize(value);
    }

    private static bool ContainsUnresolved(object? value) => value switch
    {
        Unresolved => true,
        IReadOnlyDictionary<string, object?> map => map.Values.Any(ContainsUnresolved),
        IReadOnlyList<object?> list => list.Any(ContainsUnresolved),
        _ => false,
    };

    private static bool IsEmpty(object? value) => value is null || Count(value) == 0;

    private static int Count(object? value) => value switch
    {
        string s => s.Length,
        IReadOnlyList<object?> list => list.Count,
        IReadOnlyDictionary<string, object?> map => map.Count,
        _ => throw new InvalidOperationException($"length/empty of {ArmValue.Text(value)}"),
    };
}
