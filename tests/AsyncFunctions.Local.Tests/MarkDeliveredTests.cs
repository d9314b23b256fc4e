using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>POST /api/orders/{orderId}/delivered.</summary>
public sealed class MarkDeliveredTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Delivered_AssignedOrder_Returns200AndFreesDriverCapacity()
    {
        var zone = TestIds.Zone();
        var driverId = TestIds.Driver();
        var orderId = TestIds.Order();
        using var put = await _client.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 1));
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "Assigned");
        Assert.Equal(1, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());

        using var response = await _client.PostAsync($"/api/orders/{orderId}/delivered", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.Equal("Delivered", body.GetProperty("status").GetString());
        Assert.Equal(driverId, body.GetProperty("driverId").GetString());
        Assert.Equal(0, (await _client.GetDriverAsync(zone, driverId)).GetProperty("activeOrders").GetInt32());
    }

    [Fact]
    public async Task Delivered_OrderNotAssigned_Returns409Problem()
    {
        // No driver in this zone: the order can never be Assigned.
        var orderId = TestIds.Order();
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, TestIds.Zone()));

        using var response = await _client.PostAsync($"/api/orders/{orderId}/delivered", null);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Assigned", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Delivered_Twice_SecondReturns409()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var submitted = await _client.PostOrderAsync(Bodies.Order(orderId, zone));
        await _client.WaitForStatusAsync(orderId, "Assigned");
        using var first = await _client.PostAsync($"/api/orders/{orderId}/delivered", null);

        using var second = await _client.PostAsync($"/api/orders/{orderId}/delivered", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Delivered_UnknownOrder_Returns404Problem()
    {
        using var response = await _client.PostAsync($"/api/orders/{TestIds.Order()}/delivered", null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
