using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>POST /api/orders: every row of the contract.</summary>
public sealed class SubmitOrderTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Submit_NewOrder_Returns202WithLocationAndStatusBody()
    {
        var orderId = TestIds.Order();
        var zone = TestIds.Zone();

        using var response = await _client.PostOrderAsync(Bodies.Order(orderId, zone));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.ReadJsonAsync();
        Assert.Equal(orderId, body.GetProperty("orderId").GetString());
        Assert.Equal(zone, body.GetProperty("zone").GetString());
        Assert.Equal("NeedsAssignment", body.GetProperty("status").GetString());
        Assert.Equal(0, body.GetProperty("attempts").GetInt32());
        Assert.True(body.TryGetProperty("createdAt", out _));
        Assert.True(body.TryGetProperty("updatedAt", out _));
    }

    [Fact]
    public async Task Submit_IdenticalDuplicate_Returns200WithSameOrder()
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());
        using var first = await _client.PostOrderAsync(order);
        var accepted = await first.ReadJsonAsync();

        using var second = await _client.PostOrderAsync(order);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var duplicate = await second.ReadJsonAsync();
        Assert.Equal(accepted.GetProperty("orderId").GetString(), duplicate.GetProperty("orderId").GetString());
        Assert.Equal(accepted.GetProperty("createdAt").GetDateTimeOffset(), duplicate.GetProperty("createdAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Submit_SameIdDifferentPayload_Returns409Problem()
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());
        using var first = await _client.PostOrderAsync(order);
        order["items"]![0]!["quantity"] = 3;

        using var second = await _client.PostOrderAsync(order);

        var problem = await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(order["orderId"]!.GetValue<string>(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Submit_IdempotencyKeyHeader_CarriesTheOrderId()
    {
        var orderId = TestIds.Order();
        var order = Bodies.Order(orderId, TestIds.Zone());
        order.Remove("orderId");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", orderId);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal(orderId, (await _client.GetOrderAsync(orderId)).GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task Submit_InvalidFields_Returns400WithPerFieldErrors()
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());
        order["pickup"]!["lat"] = 123.0;
        order["items"]![0]!["quantity"] = 0;

        using var response = await _client.PostOrderAsync(order);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("pickup.lat", out var lat));
        Assert.NotEmpty(lat.EnumerateArray());
        Assert.True(errors.TryGetProperty("items[0].quantity", out _));
    }

    [Fact]
    public async Task Submit_InvalidOrder_IsNotStored()
    {
        var orderId = TestIds.Order();
        var order = Bodies.Order(orderId, "Not A Zone");

        using var response = await _client.PostOrderAsync(order);
        using var lookup = await _client.GetAsync($"/api/orders/{orderId}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Submit_MalformedJson_Returns400Problem()
    {
        using var response = await _client.SendJsonAsync(HttpMethod.Post, "/api/orders", "{\"orderId\": ");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.False(problem.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Submit_BodyOver64KiB_Returns413Problem()
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());
        order["restaurantId"] = new string('r', 65 * 1024);

        using var response = await _client.PostOrderAsync(order);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Submit_ChunkedBodyOver64KiB_Returns413WhileReading()
    {
        // No Content-Length: the limit must hold while the body streams in.
        var bytes = Encoding.UTF8.GetBytes(new string(' ', 65 * 1024) + "{}");
        using var content = new StreamContent(new UnseekableStream(bytes));
        content.Headers.ContentType = new("application/json");
        Assert.Null(content.Headers.ContentLength);

        using var response = await _client.PostAsync("/api/orders", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Submit_NotJson_Returns415Problem(string contentType)
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());

        using var response = await _client.SendJsonAsync(HttpMethod.Post, "/api/orders", order.ToJsonString(), contentType);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Submit_WithoutContentType_Returns415Problem()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Bodies.Order(TestIds.Order(), TestIds.Zone()).ToJsonString()));

        using var response = await _client.PostAsync("/api/orders", content);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.dispatch.order+json")]
    public async Task Submit_JsonMediaTypeVariants_AreAccepted(string contentType)
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());

        using var response = await _client.SendJsonAsync(HttpMethod.Post, "/api/orders", order.ToJsonString(), contentType);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Submit_UnknownField_Returns400NamingTheField()
    {
        var order = Bodies.Order(TestIds.Order(), TestIds.Zone());
        order["tip"] = JsonValue.Create(5);

        using var response = await _client.PostOrderAsync(order);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("tip", out _));
    }
}
