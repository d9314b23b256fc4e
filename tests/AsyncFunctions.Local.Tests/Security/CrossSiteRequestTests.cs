using System.Net;
using System.Text;
using System.Text.Json;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests.Security;

/// <summary>
/// What a page on another site can make a developer's browser send to the local host: state-changing
/// requests are refused with 403 whether they carry a body or not; the host's own pages and clients that
/// are not browsers (no Origin, no Sec-Fetch-Site) are not affected.
/// </summary>
public sealed class CrossSiteRequestTests(ShortWaitHostFactory factory) : IClassFixture<ShortWaitHostFactory>
{
    private const string OwnOrigin = "http://localhost";

    public static TheoryData<string, string> ForeignMarks => new()
    {
        { "Origin", "http://evil.example" },
        { "Origin", "http://localhost:5173" },
        { "Origin", "null" },
        { "Sec-Fetch-Site", "cross-site" },
        { "Sec-Fetch-Site", "same-site" },
    };

    [Theory]
    [MemberData(nameof(ForeignMarks))]
    public async Task Replay_CrossSite_Is403AndTheLetterStaysUnreplayed(string header, string value)
    {
        var letter = await DeadLetterAsync();
        var id = letter.GetProperty("id").GetString();

        using var response = await SendAsync(HttpMethod.Post, $"/api/deadletters/{id}/replay", body: null, (header, value));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Cross-site request refused", problem.GetProperty("title").GetString());
        var after = await factory.CreateClient().WaitForDeadLetterAsync(d => d.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("replayedAt").ValueKind);
    }

    [Theory]
    [MemberData(nameof(ForeignMarks))]
    public async Task Delivered_CrossSite_Is403AndTheOrderStaysAssigned(string header, string value)
    {
        var client = factory.CreateClient();
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        using var put = await client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var submitted = await client.PostOrderAsync(Bodies.Order(orderId, zone));
        await client.WaitForStatusAsync(orderId, "Assigned");

        using var response = await SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/delivered", body: null, (header, value));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Assigned", (await client.GetOrderAsync(orderId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    public async Task SubmitAndPutDriver_CrossSiteWithBody_Are403AndWriteNothing(string contentType)
    {
        var client = factory.CreateClient();
        var orderId = TestIds.Order();
        var zone = TestIds.Zone();

        using var order = await SendAsync(HttpMethod.Post, "/api/orders", (Bodies.Order(orderId, zone).ToJsonString(), contentType), ("Origin", "http://evil.example"));
        using var driver = await SendAsync(HttpMethod.Put, $"/api/drivers/{TestIds.Driver()}", (Bodies.Driver(zone).ToJsonString(), contentType), ("Sec-Fetch-Site", "cross-site"));

        await order.AssertProblemAsync(HttpStatusCode.Forbidden);
        await driver.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var lookup = await client.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        Assert.Equal("[]", (await client.GetStringAsync($"/api/drivers?zone={zone}")).Trim());
    }

    [Fact]
    public async Task Replay_SameOriginAsTheDashboardSendsIt_IsProcessed()
    {
        var letter = await DeadLetterAsync();
        var id = letter.GetProperty("id").GetString();

        using var response = await SendAsync(HttpMethod.Post, $"/api/deadletters/{id}/replay", body: null,
            ("Origin", OwnOrigin), ("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("Origin", OwnOrigin)]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    public async Task Submit_OwnOriginOrUserInitiated_IsAccepted(string header, string value)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/orders", (Bodies.Order(TestIds.Order(), TestIds.Zone()).ToJsonString(), "application/json"), (header, value));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Submit_OwnOriginButCrossSiteFetch_Is403()
    {
        // Sec-Fetch-Site is the browser's own verdict and wins over an Origin that merely looks right.
        using var response = await SendAsync(HttpMethod.Post, "/api/orders", (Bodies.Order(TestIds.Order(), TestIds.Zone()).ToJsonString(), "application/json"),
            ("Origin", OwnOrigin), ("Sec-Fetch-Site", "cross-site"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_CrossSite_IsServedBecauseItChangesNothing()
    {
        // The browser does not let the other site read the answer (no CORS headers); a GET changes nothing.
        using var response = await SendAsync(HttpMethod.Get, "/api/deadletters", body: null, ("Origin", "http://evil.example"), ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Replay_NoBrowserHeaders_IsProcessedAsForCurl()
    {
        var letter = await DeadLetterAsync();

        using var response = await SendAsync(HttpMethod.Post, $"/api/deadletters/{letter.GetProperty("id").GetString()}/replay", body: null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>A fresh dead letter: a partner message with an impossible pickup latitude.</summary>
    private async Task<JsonElement> DeadLetterAsync()
    {
        var orderId = TestIds.Order();
        var body = Bodies.Order(orderId, TestIds.Zone());
        body["pickup"]!["lat"] = 999.0;
        await PartnerMessages.SendAsync(factory.Services, body, messageId: orderId);
        return await factory.CreateClient().WaitForDeadLetterAsync(d => d.GetProperty("orderId").GetString() == orderId);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, (string Text, string ContentType)? body, params (string Name, string Value)[] headers)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(method, url);
        if (body is { } content)
        {
            request.Content = new StringContent(content.Text, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(content.ContentType);
        }

        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
