using System.Text.Json.Nodes;

namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>
/// Field-level breakages of a valid order: wrong types for every field, missing required fields, unknown
/// fields at every level, out-of-range values, forbidden characters. Each one alone makes the order invalid.
/// </summary>
public static class FieldMutations
{
    public sealed record Mutation(string Name, Action<JsonObject> Apply);

    public static IReadOnlyList<Mutation> All { get; } = [.. Build()];

    private static IEnumerable<Mutation> Build()
    {
        // Wrong types: every field gets every JSON kind it must not have.
        foreach (var path in ValidOrder.FieldPaths())
        {
            var field = string.Join('.', path);
            foreach (var (kind, value) in WrongValues(path))
                yield return new($"wrong type {field} = {kind}", tree => ValidOrder.With(tree, path, value?.DeepClone()));
        }

        // Missing required fields.
        foreach (var path in ValidOrder.FieldPaths().Where(ValidOrder.IsRequired))
            yield return new($"missing {string.Join('.', path)}", tree => ValidOrder.With(tree, path, null, remove: true));

        // Unknown fields at every object level.
        yield return new("extra field at root", tree => tree["unexpected"] = 1);
        yield return new("extra field in pickup", tree => tree["pickup"]!["alt"] = 35);
        yield return new("extra field in dropoff", tree => tree["dropoff"]!["floor"] = "3");
        yield return new("extra field in item", tree => tree["items"]![0]!["price"] = 9.5);
        yield return new("extra field status at root", tree => tree["status"] = "Assigned");
        yield return new("extra field driverId at root", tree => tree["driverId"] = "driver-1");

        // Out of range numbers and sizes.
        foreach (var (name, path, value) in OutOfRange())
            yield return new(name, tree => ValidOrder.With(tree, path, value.DeepClone()));
        yield return new("no items", tree => tree["items"] = new JsonArray());
        yield return new("51 items", tree => tree["items"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => (JsonNode)new JsonObject { ["sku"] = $"s{i}", ["quantity"] = 1 })]));
        yield return new("readyAt 30 days ahead", tree => tree["readyAt"] = DateTimeOffset.UtcNow.AddDays(30).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        yield return new("readyAt without offset", tree => tree["readyAt"] = "2026-12-01T10:00:00");
        yield return new("readyAt not a time", tree => tree["readyAt"] = "tomorrow at noon");

        // Forbidden characters: unicode, control characters, path characters.
        foreach (var (name, text) in BadIdTexts())
        {
            yield return new($"orderId {name}", tree => tree["orderId"] = text);
            yield return new($"customerId {name}", tree => tree["customerId"] = text);
        }

        yield return new("zone with uppercase", tree => tree["zone"] = "Zone-A");
        yield return new("zone with accent", tree => tree["zone"] = "zoné");
        yield return new("zone with slash", tree => tree["zone"] = "a/b");
        yield return new("zone 65 chars", tree => tree["zone"] = new string('z', 65));
        yield return new("sku with bell", tree => tree["items"]![0]!["sku"] = "pizza\u0007");
        yield return new("sku with NUL", tree => tree["items"]![0]!["sku"] = "pizza\u0000");
        yield return new("sku with newline", tree => tree["items"]![0]!["sku"] = "pizza\nmargherita");
        yield return new("sku with bidi override", tree => tree["items"]![0]!["sku"] = "\u202Eazzip");
        yield return new("sku empty", tree => tree["items"]![0]!["sku"] = "");
    }

    private static IEnumerable<(string Kind, JsonNode? Value)> WrongValues(string[] path)
    {
        var leaf = path[^1];
        var isNumber = leaf is "lat" or "lon" or "quantity";
        var isObject = leaf is "pickup" or "dropoff" or "0";
        var isArray = leaf is "items";
        var isString = !isNumber && !isObject && !isArray;
        if (!isNumber)
            yield return ("number", JsonValue.Create(42));
        if (!isString)
            yield return ("string", JsonValue.Create("42"));
        yield return ("boolean", JsonValue.Create(true));
        if (!isObject)
            yield return ("object", new JsonObject { ["value"] = 1 });
        if (!isArray)
            yield return ("array", new JsonArray(1, 2));
        if (ValidOrder.IsRequired(path))
            yield return ("null", null);
    }

    private static IEnumerable<(string Name, string[] Path, JsonNode Value)> OutOfRange() =>
    [
        ("pickup.lat 90.000001", ["pickup", "lat"], JsonValue.Create(90.000001)),
        ("pickup.lat -91", ["pickup", "lat"], JsonValue.Create(-91)),
        ("pickup.lon 180.5", ["pickup", "lon"], JsonValue.Create(180.5)),
        ("dropoff.lon -181", ["dropoff", "lon"], JsonValue.Create(-181)),
        ("dropoff.lat 1e300", ["dropoff", "lat"], JsonValue.Create(1e300)),
        ("quantity 0", ["items", "0", "quantity"], JsonValue.Create(0)),
        ("quantity 101", ["items", "0", "quantity"], JsonValue.Create(101)),
        ("quantity -1", ["items", "0", "quantity"], JsonValue.Create(-1)),
        ("quantity 2.5", ["items", "0", "quantity"], JsonValue.Create(2.5)),
        ("quantity 2^31", ["items", "0", "quantity"], JsonValue.Create(2147483648L)),
        ("quantity 1e20", ["items", "0", "quantity"], JsonValue.Create(1e20)),
        ("orderId 65 chars", ["orderId"], JsonValue.Create(new string('o', 65))),
        ("orderId empty", ["orderId"], JsonValue.Create("")),
        ("customerId 65 chars", ["customerId"], JsonValue.Create(new string('c', 65))),
        ("sku 65 chars", ["items", "0", "sku"], JsonValue.Create(new string('s', 65))),
    ];

    public static IEnumerable<(string Name, string Text)> BadIdTexts() =>
    [
        ("with ../", "../etc/passwd"),
        ("with /", "a/b"),
        ("with %2F", "a%2Fb"),
        ("with #", "a#b"),
        ("with ?", "a?b=1"),
        ("with backslash", "a\\b"),
        ("with space", "a b"),
        ("with accent", "commandé"),
        ("with emoji", "order-🍕"),
        ("with zero-width space", "order\u200B1"),
        ("with NUL", "order\u00001"),
        ("with tab", "order\t1"),
        ("with DEL", "order\u007F1"),
        ("with quote", "order\"1"),
        ("with asterisk", "order*"),
    ];
}
