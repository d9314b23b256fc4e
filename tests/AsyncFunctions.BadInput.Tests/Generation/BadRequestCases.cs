using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>
/// Every malformed request the suite sends: hand-written cases by category, then seeded generated ones
/// (truncations, stray control bytes, and random combinations of field breakages). Same seed, same cases.
/// </summary>
public static class BadRequestCases
{
    private const string Json = "application/json";
    private static readonly int[] BadRequestStatus = [400];
    private static int _next;

    public static List<BadRequest> All(int seed)
    {
        var random = new Random(seed);
        return [.. BrokenJson(), .. Literals(), .. Fields(), .. Sizes(), .. ContentTypes(), .. Encodings(), .. DuplicateKeys(), .. PathIds(), .. Generated(random)];
    }

    public static string NewId() => string.Create(CultureInfo.InvariantCulture, $"bad-{Interlocked.Increment(ref _next):D5}");

    private static BadRequest Malformed(string name, byte[] body) => new(name, body, Json, BadRequestStatus, ExpectErrors: false);

    private static BadRequest Invalid(string name, JsonObject tree) =>
        new(name, ValidOrder.Bytes(tree), Json, BadRequestStatus, ExpectErrors: true) { OrderId = tree["orderId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? tree["orderId"]!.GetValue<string>() : null };

    private static IEnumerable<BadRequest> BrokenJson()
    {
        var valid = ValidOrder.Tree(NewId()).ToJsonString();
        foreach (var (name, text) in new[]
        {
            ("empty body", ""), ("whitespace only", "   \n "), ("open brace", "{"), ("close brace", "}"), ("open bracket", "["),
            ("single quotes", valid.Replace('"', '\'')), ("trailing comma", valid[..^1] + ",}"), ("comment", "/* hi */" + valid),
            ("unquoted keys", "{orderId:\"x\"}"), ("garbage after object", valid + " x"), ("two objects", valid + valid),
            ("missing colon", "{\"orderId\" \"x\"}"), ("unterminated string", "{\"orderId\":\"x"), ("xml", "<order id=\"1\"/>"),
            ("form encoded", "orderId=1&zone=a"), ("hex number", "{\"orderId\":\"x\",\"pickup\":{\"lat\":0x10,\"lon\":1}}"),
            ("leading zero number", valid.Replace("2.3522", "02.3522", StringComparison.Ordinal)),
            ("plus sign number", valid.Replace("2.3522", "+2.3522", StringComparison.Ordinal)),
        })
        {
            yield return Malformed($"broken json: {name}", ValidOrder.Bytes(text));
        }

        // Valid JSON that is not an object: refused with an error at "$".
        foreach (var (name, text) in new[] { ("null", "null"), ("true", "true"), ("number", "42"), ("string", "\"order\""), ("array", "[]"), ("array of order", "[" + valid + "]") })
            yield return new BadRequest($"not an object: {name}", ValidOrder.Bytes(text), Json, BadRequestStatus, ExpectErrors: true);
    }

    private static IEnumerable<BadRequest> Literals()
    {
        foreach (var literal in new[] { "NaN", "Infinity", "-Infinity", "nan", "inf", "undefined", "1e400", "-1e400" })
        {
            var tree = ValidOrder.Tree(NewId()).ToJsonString().Replace("48.8566", literal, StringComparison.Ordinal);
            var isNumberSyntax = literal.StartsWith("1e", StringComparison.Ordinal) || literal.StartsWith("-1e", StringComparison.Ordinal);
            // 1e400 is valid JSON syntax but not a finite double: a field error, not a parse error.
            yield return new BadRequest($"literal {literal} as pickup.lat", ValidOrder.Bytes(tree), Json, BadRequestStatus, ExpectErrors: isNumberSyntax);
        }

        yield return Invalid("string \"NaN\" as pickup.lat", ValidOrder.With(ValidOrder.Tree(NewId()), ["pickup", "lat"], "NaN"));
    }

    private static IEnumerable<BadRequest> Fields() =>
        FieldMutations.All.Select(m =>
        {
            var tree = ValidOrder.Tree(NewId());
            m.Apply(tree);
            return Invalid(m.Name, tree);
        });

    private static IEnumerable<BadRequest> Sizes()
    {
        var id = NewId();
        var tree = ValidOrder.Tree(id);
        var padded = tree.ToJsonString()[..^1] + ",\"pad\":\"" + new string('x', 70 * 1024) + "\"}";
        yield return new BadRequest("body 70 KiB (declared length)", ValidOrder.Bytes(padded), Json, [413], ExpectErrors: false) { OrderId = id };
        yield return new BadRequest("body 200 KiB chunked (no length)", ValidOrder.Bytes(tree.ToJsonString() + new string(' ', 200 * 1024)), Json, [413], ExpectErrors: false) { OrderId = id, Chunked = true };
        yield return new BadRequest("body 1 MiB of zeros", new byte[1024 * 1024], Json, [413], ExpectErrors: false);

        var manyItems = ValidOrder.Tree(NewId());
        manyItems["items"] = new JsonArray([.. Enumerable.Range(0, 1_500).Select(i => (JsonNode)new JsonObject { ["sku"] = "s", ["quantity"] = 1 })]);
        yield return Invalid("1,500 items under the size limit", manyItems);

        yield return Malformed("nested 9 deep in pickup", ValidOrder.Bytes(ValidOrder.Tree(NewId()).ToJsonString().Replace("{\"lat\":48.8566", Nest(8) + "{\"lat\":48.8566", StringComparison.Ordinal).Replace("\"lon\":2.3522}", "\"lon\":2.3522}" + new string('}', 8), StringComparison.Ordinal)));
        yield return Malformed("arrays nested 10,000 deep", ValidOrder.Bytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return Malformed("objects nested 5,000 deep", ValidOrder.Bytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
    }

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("{\"n\":", depth));

    private static IEnumerable<BadRequest> ContentTypes()
    {
        var body = ValidOrder.Bytes(ValidOrder.Tree(NewId()));
        foreach (var type in new string?[] { null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/jsonp", "json", "*/*" })
            yield return new BadRequest($"content type {type ?? "(none)"}", body, type, [415], ExpectErrors: false);
    }

    private static IEnumerable<BadRequest> Encodings()
    {
        var valid = ValidOrder.Bytes(ValidOrder.Tree(NewId()));
        yield return Malformed("UTF-8 BOM before the object", [0xEF, 0xBB, 0xBF, .. valid]);
        yield return Malformed("UTF-16 LE body", Encoding.Unicode.GetBytes(ValidOrder.Tree(NewId()).ToJsonString()));
        yield return Malformed("invalid UTF-8 in orderId", ValidOrder.Bytes(ValidOrder.Tree("X").ToJsonString()).Select(b => b == (byte)'X' ? (byte)0xC3 : b).ToArray());
        yield return Malformed("overlong UTF-8 slash in orderId", Splice(ValidOrder.Tree("X").ToJsonString(), "X", [0xC0, 0xAF]));
        yield return Malformed("raw control byte in a string", Splice(ValidOrder.Tree("X").ToJsonString(), "X", [0x61, 0x01, 0x62]));
        // Valid JSON syntax, but no valid string: refused, with or without a field error.
        yield return Malformed("escaped lone surrogate in orderId", ValidOrder.Bytes(ValidOrder.Tree("X").ToJsonString().Replace("\"X\"", "\"a\\ud800b\"", StringComparison.Ordinal)));
        yield return Malformed("escaped lone surrogate in sku", ValidOrder.Bytes(ValidOrder.Tree(NewId()).ToJsonString().Replace("margherita", "\\udc00", StringComparison.Ordinal)));
        yield return Invalid("escaped NUL in zone", Merge(JsonNode.Parse("{\"zone\":\"a\\u0000b\"}")!.AsObject()));
    }

    private static JsonObject Merge(JsonObject overrides)
    {
        var tree = ValidOrder.Tree(NewId());
        foreach (var (key, value) in overrides.ToList())
        {
            overrides.Remove(key);
            tree[key] = value;
        }

        return tree;
    }

    private static byte[] Splice(string json, string marker, byte[] replacement)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf("\"" + marker + "\"", StringComparison.Ordinal) + 1;
        return [.. bytes[..at], .. replacement, .. bytes[(at + marker.Length)..]];
    }

    private static IEnumerable<BadRequest> DuplicateKeys()
    {
        var valid = ValidOrder.Tree(NewId()).ToJsonString();
        yield return Malformed("duplicate orderId key", ValidOrder.Bytes("{\"orderId\":\"dup-a\"," + valid[1..]));
        yield return Malformed("duplicate lat key", ValidOrder.Bytes(valid.Replace("{\"lat\":48.8566", "{\"lat\":1,\"lat\":48.8566", StringComparison.Ordinal)));
        yield return Malformed("duplicate quantity key", ValidOrder.Bytes(valid.Replace("\"quantity\":2", "\"quantity\":2,\"quantity\":3", StringComparison.Ordinal)));
        yield return Malformed("duplicate items key", ValidOrder.Bytes(valid[..^1] + ",\"items\":[]}"));
        yield return Malformed("duplicate key differing only by escape", ValidOrder.Bytes("{\"zone\":\"a\",\"\\u007aone\":\"b\"," + valid[1..]));
    }

    private static IEnumerable<BadRequest> PathIds()
    {
        // Header values travel as ASCII: only the printable ones can be sent at all.
        foreach (var (name, text) in FieldMutations.BadIdTexts().Where(t => t.Text.All(c => c is >= ' ' and <= '~')))
        {
            var body = ValidOrder.Tree(NewId());
            body.Remove("orderId");
            yield return new BadRequest($"Idempotency-Key {name}", ValidOrder.Bytes(body), Json, BadRequestStatus, ExpectErrors: true)
            {
                Headers = new Dictionary<string, string> { ["Idempotency-Key"] = text },
            };
        }

        foreach (var raw in new[] { "..%2F..%2Fapi%2Fhealth", "%2F", "a%2Fb", "a%23b", "a%3Fb%3D1", "%2E%2E", "a%5Cb", "a%20b", "%F0%9F%8D%95", new string('x', 65) })
        {
            yield return new BadRequest($"GET order id {raw}", [], null, [404], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/orders/" + raw };
            yield return new BadRequest($"POST delivered id {raw}", [], null, [404], ExpectErrors: false) { Path = $"/api/orders/{raw}/delivered" };
            yield return new BadRequest($"PUT driver id {raw}", ValidOrder.Bytes("{\"zone\":\"bad-input\",\"capacity\":1,\"location\":{\"lat\":1,\"lon\":1},\"available\":true}"), Json, [400, 404], ExpectErrors: false)
            {
                Method = HttpMethod.Put,
                Path = "/api/drivers/" + raw,
            };
        }
    }

    /// <summary>Seeded: truncated bodies, a stray control byte, and 2-3 field breakages at once.</summary>
    private static IEnumerable<BadRequest> Generated(Random random)
    {
        for (var i = 0; i < 60; i++)
        {
            var text = ValidOrder.Tree(NewId()).ToJsonString();
            yield return Malformed($"generated truncation #{i}", ValidOrder.Bytes(text[..random.Next(0, text.Length - 1)]));
        }

        for (var i = 0; i < 60; i++)
        {
            var bytes = ValidOrder.Bytes(ValidOrder.Tree(NewId()));
            var at = random.Next(0, bytes.Length);
            var control = (byte)random.Next(0, 0x20);
            if (control is 0x09 or 0x0A or 0x0D)
                control = 0x0B;
            yield return Malformed($"generated control byte 0x{control:X2} at {at} #{i}", [.. bytes[..at], control, .. bytes[at..]]);
        }

        var mutations = FieldMutations.All;
        for (var i = 0; i < 120; i++)
        {
            var tree = ValidOrder.Tree(NewId());
            var picked = Enumerable.Range(0, 2 + random.Next(2)).Select(_ => mutations[random.Next(mutations.Count)]).ToList();
            foreach (var mutation in picked)
            {
                try
                {
                    mutation.Apply(tree);
                }
                catch (Exception ex) when (ex is NullReferenceException or InvalidOperationException or ArgumentOutOfRangeException or FormatException)
                {
                    // An earlier breakage removed what this one would change: the order is invalid already.
                }
            }

            yield return Invalid($"generated combination #{i}: {string.Join(" + ", picked.Select(m => m.Name))}", tree);
        }
    }
}
