using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Delivery;

/// <summary>The problem texts of a refused delivery, and which storage answers make it read the order and driver again.</summary>
public sealed class DeliveryOutcomesTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<DispatchResult<OrderStatusView>> DeliverAsync(string orderId) =>
        _h.Delivery.MarkDeliveredAsync(orderId, CancellationToken.None);

    private async Task AssignAsync(string orderId)
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order(orderId)));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData("bad id")]
    public async Task MarkDeliveredAsync_UnknownOrInvalidId_NotFoundNamingIt(string orderId)
    {
        var result = await DeliverAsync(orderId);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Equal($"No order with id '{orderId}'.", result.Detail);
    }

    [Fact]
    public async Task MarkDeliveredAsync_NotAssigned_ConflictSayingWhy()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        var result = await DeliverAsync("o-1");

        Assert.Equal("Order is not Assigned", result.Title);
        Assert.Equal("Order 'o-1' is NeedsAssignment; only an Assigned order can be marked delivered.", result.Detail);
    }

    [Fact]
    public async Task MarkDeliveredAsync_EveryAttemptLosesTheETagRace_ContendedAfterTheConfiguredAttempts()
    {
        await AssignAsync("o-1");
        var transactions = _h.Faults.Transactions;
        for (var i = 0; i < _h.Options.MaxConflictRetries; i++)
            _h.Faults.FailOnce("transaction", fault: new TableStorageException(TableErrorKind.PreconditionFailed, "412"));

        var result = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.Equal($"Order o-1 kept changing while being marked delivered ({_h.Options.MaxConflictRetries} attempts); try again later.", result.Detail);
        Assert.Equal(_h.Options.MaxConflictRetries, _h.Faults.Transactions - transactions);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task MarkDeliveredAsync_DriverRowGoneDuringTheCommit_ReadsAgainAndDeliversAlone()
    {
        await AssignAsync("o-1");
        var driver = (await _h.DriverAsync("d-1"))!;
        _h.Faults.BeforeNextTransaction = (tables, _) =>
            tables.DeleteAsync(_h.Store.Names.DispatchTable, OrderBodies.Zone, EntityKeys.DriverRow("d-1"), driver.ETag);

        var result = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal(OrderStatus.Delivered, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task MarkDeliveredAsync_NotFoundOnTheOrdersAction_NotAConflictSoItFails()
    {
        await AssignAsync("o-1");
        _h.Faults.FailOnce("transaction", fault: new TableStorageException(TableErrorKind.NotFound, "404", failedActionIndex: 0));

        var failed = await Assert.ThrowsAsync<TableStorageException>(() => DeliverAsync("o-1"));

        Assert.Equal(TableErrorKind.NotFound, failed.Kind);
    }

    [Fact]
    public async Task MarkDeliveredAsync_NotFoundOnTheDriversAction_ReadsAgain()
    {
        await AssignAsync("o-1");
        _h.Faults.FailOnce("transaction", fault: new TableStorageException(TableErrorKind.NotFound, "404", failedActionIndex: DispatchStore.DriverActionIndex));

        var result = await DeliverAsync("o-1");

        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task MarkDeliveredAsync_ZoneRosterCached_TheCacheSeesTheFreedDriver()
    {
        await AssignAsync("o-1");

        await DeliverAsync("o-1");

        // The next pick in the zone reads the freed capacity from the cache instead of losing an ETag race on a stale copy.
        var (roster, fromCache) = await _h.Get<ZoneRosterCache>().GetAsync(OrderBodies.Zone, refresh: false, CancellationToken.None);
        Assert.True(fromCache);
        var cached = Assert.Single(roster.Drivers);
        var stored = (await _h.DriverAsync("d-1"))!;
        Assert.Equal(stored.ETag, cached.ETag);
        Assert.Equal(0, cached.ActiveOrders);
    }
}
