using System.Globalization;
using System.Text;

namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>
/// Malformed partner messages: non-JSON, empty, binary, wrong schema, oversized, plus every malformed
/// order body of the HTTP suite sent straight to the queue (no HTTP layer to refuse it first).
/// </summary>
public static class BadMessageCases
{
    private const string Malformed = "MalformedMessage";
    private const string Invalid = "InvalidOrder";
    private const string TooLarge = "MessageTooLarge";

    public static List<BadMessage> All(int seed)
    {
        var random = new Random(seed);
        var cases = new List<BadMessage>
        {
            New("empty body", [], "application/json", Malformed),
            New("plain text", Encoding.UTF8.GetBytes("please deliver pizza"), "text/plain", Malformed),
            New("xml", Encoding.UTF8.GetBytes("<order><id>1</id></order>"), "application/xml", Malformed),
            New("wrong schema", Encoding.UTF8.GetBytes("""{"type":"invoice","amount":12.5,"currency":"EUR"}"""), "application/json", Invalid),
            New("json array", Encoding.UTF8.GetBytes("[1,2,3]"), "application/json", Invalid),
            New("json null", Encoding.UTF8.GetBytes("null"), "application/json", Invalid),
            New("oversized 70 KiB", Encoding.UTF8.GetBytes(ValidOrder.Tree("bus-big").ToJsonString()[..^1] + ",\"pad\":\"" + new string('x', 70 * 1024) + "\"}"), "application/json", TooLarge),
            New("oversized 300 KiB binary", RandomBytes(random, 300 * 1024), "application/octet-stream", TooLarge),
        };
        for (var i = 0; i < 20; i++)
            cases.Add(New($"binary {i}", RandomBytes(random, 1 + random.Next(2048)), i % 2 == 0 ? "application/octet-stream" : null, Malformed, Invalid));

        // Every order body the HTTP suite refuses for what it says (not for its headers or route).
        foreach (var request in BadRequestCases.All(seed).Where(r => r.Method == HttpMethod.Post && r.Path == "/api/orders" && r.ContentType == "application/json" && r.Headers.Count == 0))
        {
            var reasons = request.ExpectedStatuses.Contains(413) ? new[] { TooLarge } : [Malformed, Invalid];
            cases.Add(New($"as message: {request.Name}", request.Body, "application/json", reasons) with { OrderId = request.OrderId });
        }

        return cases;
    }

    private static int _next;

    private static BadMessage New(string name, byte[] body, string? contentType, params string[] reasons) =>
        new(name, string.Create(CultureInfo.InvariantCulture, $"bus-bad-{Interlocked.Increment(ref _next):D5}"), body, contentType, reasons);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
