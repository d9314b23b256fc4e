using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Orders;

/// <summary>GET /api/orders/{orderId}: the status view of a known order, 404 for an unknown or malformed id.</summary>
public sealed class OrderQueriesTests
{
    [Fact]
    public async Task GetAsync_KnownOrder_OkWithItsStatusView()
    {
        using var harness = new DispatchHarness();
        await harness.SubmitAsync(OrderBodies.Order("order-q"));

        var result = await harness.Get<OrderQueries>().GetAsync("order-q", CancellationToken.None);

        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal("order-q", result.Value!.OrderId);
        Assert.Equal(OrderBodies.Zone, result.Value.Zone);
        Assert.Equal(OrderStatus.NeedsAssignment, result.Value.Status);
    }

    [Fact]
    public async Task GetAsync_UnknownOrder_NotFoundNamingTheId()
    {
        using var harness = new DispatchHarness();

        var result = await harness.Get<OrderQueries>().GetAsync("order-missing", CancellationToken.None);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Equal("No order with id 'order-missing'.", result.Detail);
    }

    [Fact]
    public async Task GetAsync_MalformedId_NotFoundWithoutReadingTheStore()
    {
        using var harness = new DispatchHarness();
        await harness.SubmitAsync(OrderBodies.Order("order-q"));
        harness.Faults.Down = true;

        var result = await harness.Get<OrderQueries>().GetAsync("bad id", CancellationToken.None);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Equal("No order with id 'bad id'.", result.Detail);
    }
}
