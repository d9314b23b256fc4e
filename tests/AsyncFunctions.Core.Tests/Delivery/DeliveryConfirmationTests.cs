using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Delivery;

public sealed class DeliveryConfirmationTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<DispatchResult<OrderStatusView>> DeliverAsync(string orderId) =>
        _h.Delivery.MarkDeliveredAsync(orderId, CancellationToken.None);

    [Fact]
    public async Task MarkDeliveredAsync_Assigned_DeliveredAndDriverFreed()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2")));
        Assert.Equal(2, (await _h.DriverAsync("d-1"))!.ActiveOrders);

        var result = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal(OrderStatus.Delivered, result.Value!.Status);
        Assert.Equal("d-1", result.Value.DriverId);
        Assert.Equal(OrderStatus.Delivered, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task MarkDeliveredAsync_NotAssigned_ConflictAndNothingChanged()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        var before = await _h.OrderAsync("o-1");

        var result = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Contains("NeedsAssignment", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task MarkDeliveredAsync_Twice_SecondIsConflictAndDriverFreedOnce()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await DeliverAsync("o-1");

        var again = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Conflict, again.Kind);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task MarkDeliveredAsync_DriverEntityMissing_DeliveredAloneInsteadOfFailing()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var driver = (await _h.DriverAsync("d-1"))!;
        await _h.Store.Tables.DeleteAsync("Dispatch", OrderBodies.Zone, EntityKeys.DriverRow("d-1"), driver.ETag);

        var result = await DeliverAsync("o-1");

        // The capacity it would free no longer exists; the delivery itself is still a fact worth recording.
        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal(OrderStatus.Delivered, result.Value!.Status);
        Assert.Equal(OrderStatus.Delivered, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Null(await _h.DriverAsync("d-1"));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("bad id")]
    public async Task MarkDeliveredAsync_UnknownOrder_NotFound(string orderId)
    {
        Assert.Equal(ResultKind.NotFound, (await DeliverAsync(orderId)).Kind);
    }

    [Fact]
    public async Task MarkDeliveredAsync_OrdersAwaitingInZone_WakesTheOldestOnly()
    {
        await _h.AddDriverAsync("d-1", capacity: 1);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-assigned")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-older")));
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-newer")));
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-other-zone", zone: "zone-b")));
        Assert.Empty(await _h.DrainAsync());

        await DeliverAsync("o-assigned");

        var woken = Assert.Single(await _h.DrainAsync());
        Assert.Equal("o-older:wake:1", woken.MessageId);
        var (_, settlement) = await _h.ProcessAsync(woken);
        Assert.True(settlement.Completed);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-older"))!.Status);
        Assert.Equal(OrderStatus.AwaitingDriver, (await _h.OrderAsync("o-newer"))!.Status);
    }
}
