using System.Text;

namespace AsyncFunctions.BadInput.Tests.Generation;

/// <summary>
/// Requests a web page (DNS rebinding, cross-site forms and fetches) or a caller without the right
/// principal could send: every route of the contract, each with its valid body, so only the hostile
/// part can be the reason for the refusal.
/// </summary>
public static class HostileRequestCases
{
    private const string Json = "application/json";
    private const string DriverBody = "{\"zone\":\"hostile\",\"capacity\":1,\"location\":{\"lat\":1,\"lon\":1},\"available\":true}";

    private static readonly string[] ForeignHosts =
        ["evil.example", "evil.example:7071", "localhost.evil.example", "127.0.0.1.nip.io:7071", "127.0.0.2", "0.0.0.0", "[::ffff:127.0.0.1]", "attacker.localhost"];

    private static readonly (string Header, string Value)[] CrossSiteMarks =
    [
        ("Origin", "http://evil.example"), ("Origin", "https://evil.example"), ("Origin", "http://localhost:3000"),
        ("Origin", "http://127.0.0.1:8080"), ("Origin", "null"), ("Origin", "http://localhost.evil.example"),
        ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Sec-Fetch-Site", "bogus"),
    ];

    private static readonly string[] BadPrincipals =
    [
        "", "not base64!", "e30=", "W10=", "bnVsbA==", // {}, [], null
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":1}]}")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\",\"claims\":{\"typ\":\"roles\"}}")),
        Convert.ToBase64String([0xFF, 0xFE, 0xFD]),
        new string('A', 20000),
    ];

    /// <summary>A foreign Host on every route, pages included: 400.</summary>
    public static IEnumerable<BadRequest> ForeignHost()
    {
        foreach (var host in ForeignHosts)
        {
            foreach (var route in Routes(changingOnly: false))
                yield return route with { Name = $"Host {host}: {route.Name}", ExpectedStatuses = [400], Headers = new Dictionary<string, string> { ["Host"] = host } };
            yield return new BadRequest($"Host {host}: GET /", [], null, [400], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/", Headers = new Dictionary<string, string> { ["Host"] = host } };
        }
    }

    /// <summary>Every state-changing route from another site, with and without a body, under each browser mark: 403.</summary>
    public static IEnumerable<BadRequest> CrossSite()
    {
        foreach (var (header, value) in CrossSiteMarks)
        {
            foreach (var route in Routes(changingOnly: true))
                yield return route with { Name = $"{header} {value}: {route.Name}", ExpectedStatuses = [403], Headers = new Dictionary<string, string> { [header] = value } };
        }
    }

    /// <summary>With roles required: malformed or missing principals are 401, a principal without the route's role is 403.</summary>
    public static IEnumerable<BadRequest> Principals()
    {
        foreach (var route in Routes(changingOnly: false).Where(r => r.Path != "/api/health"))
        {
            yield return route with { Name = $"no principal: {route.Name}", ExpectedStatuses = [401] };
            foreach (var principal in BadPrincipals)
                yield return route with { Name = $"principal '{Shorten(principal)}': {route.Name}", ExpectedStatuses = [401], Headers = new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = principal } };
            var unrelated = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"roles\",\"val\":\"Dispatch.Everything\"}]}"));
            yield return route with { Name = $"unknown role: {route.Name}", ExpectedStatuses = [403], Headers = new Dictionary<string, string> { ["X-MS-CLIENT-PRINCIPAL"] = unrelated } };
        }
    }

    private static IEnumerable<BadRequest> Routes(bool changingOnly)
    {
        var orderId = BadRequestCases.NewId();
        yield return new BadRequest("POST /api/orders", ValidOrder.Bytes(ValidOrder.Tree(orderId)), Json, [], ExpectErrors: false) { OrderId = orderId };
        yield return new BadRequest("POST /api/orders text/plain", ValidOrder.Bytes(ValidOrder.Tree(BadRequestCases.NewId())), "text/plain", [], ExpectErrors: false);
        yield return new BadRequest("POST delivered, no body", [], null, [], ExpectErrors: false) { Path = "/api/orders/bad-order/delivered" };
        yield return new BadRequest("PUT driver", Encoding.UTF8.GetBytes(DriverBody), Json, [], ExpectErrors: false) { Method = HttpMethod.Put, Path = "/api/drivers/hostile-driver" };
        yield return new BadRequest("POST replay, no body", [], null, [], ExpectErrors: false) { Path = "/api/deadletters/0000000000000000000-deadbeef/replay" };
        yield return new BadRequest("POST replay, form body", Encoding.UTF8.GetBytes("a=1"), "application/x-www-form-urlencoded", [], ExpectErrors: false) { Path = "/api/deadletters/0000000000000000000-deadbeef/replay" };
        if (changingOnly)
            yield break;
        yield return new BadRequest("GET order", [], null, [], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/orders/bad-order" };
        yield return new BadRequest("GET drivers", [], null, [], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/drivers?zone=hostile" };
        yield return new BadRequest("GET deadletters", [], null, [], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/deadletters" };
        yield return new BadRequest("GET snapshot", [], null, [], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/dashboard/snapshot" };
        yield return new BadRequest("GET health", [], null, [], ExpectErrors: false) { Method = HttpMethod.Get, Path = "/api/health" };
    }

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..24] + "…";
}
