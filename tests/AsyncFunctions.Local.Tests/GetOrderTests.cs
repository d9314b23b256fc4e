using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>GET /api/orders/{orderId}.</summary>
public sealed class GetOrderTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Get_SubmittedOrder_Returns200StatusBody()
    {
        var orderId = TestIds.Order();
        var zone = TestIds.Zone();
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));

        using var response = await _client.GetAsync($"/api/orders/{orderId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal(orderId, body.GetProperty("orderId").GetString());
        Assert.Equal(zone, body.GetProperty("zone").GetString());
        foreach (var field in new[] { "status", "driverId", "attempts", "createdAt", "updatedAt", "lastError" })
            Assert.True(body.TryGetProperty(field, out _), $"status body lacks {field}");
    }

    [Theory]
    [InlineData("ord-never-submitted")]
    [InlineData("not%20a%20valid%20id")]
    public async Task Get_UnknownOrder_Returns404Problem(string orderId)
    {
        using var response = await _client.GetAsync($"/api/orders/{orderId}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
