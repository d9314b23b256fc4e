using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Sweeping;

/// <summary>The sweep's edges: the stale cut-off to the tick, and an order that moved on between the read and the re-publish.</summary>
public sealed class OutboxRelayBoundaryTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<Core.Sweeping.SweepReport> SweepAsync() => _h.Sweeper.SweepAsync(CancellationToken.None);

    [Fact]
    public async Task SweepAsync_DueExactlyStaleAfterAgo_NotYetStale_OneTickLaterRepublished()
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Clock.Advance(_h.Options.StaleAfter);

        Assert.Equal(new(0, 0, 0), await SweepAsync());

        _h.Clock.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(new(1, 0, 0), await SweepAsync());
    }

    [Theory]
    [InlineData(TableErrorKind.PreconditionFailed)]
    [InlineData(TableErrorKind.NotFound)]
    public async Task SweepAsync_OrderChangedBeforeItsRepublish_SkippedAndNothingSent(TableErrorKind kind)
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var before = await _h.OrderAsync("o-1");
        _h.Faults.FailOnce("update", fault: new TableStorageException(kind, "Someone else wrote the order first."));

        var report = await SweepAsync();

        Assert.Equal(new(0, 0, 1), report);
        Assert.Empty(await _h.DrainAsync());
        Assert.Equal(before, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task SweepAsync_StoreFailsTransiently_TheFailureEscapesForTheNextTick()
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        _h.Faults.FailOnce("update", fault: new TableStorageException(TableErrorKind.Transient, "Server busy."));

        await Assert.ThrowsAsync<TableStorageException>(SweepAsync);

        Assert.Empty(await _h.DrainAsync());
        Assert.Equal(new(1, 0, 0), await SweepAsync());
    }

    /// <summary>A due row left behind (say by a store that lost the order's delete), read before the order it names.</summary>
    private async Task LeaveDueRowAsync(string orderId, DateTimeOffset due)
    {
        var key = PendingIndex.ScheduleKey(DueOrder(orderId, due))!;
        await _h.Store.Tables.UpsertAsync(_h.Store.Names.DispatchTable, new PendingEntry(OrderBodies.Zone, key, orderId).ToRow());
    }

    [Fact]
    public async Task SweepAsync_IndexRowOfAnOrderThatIsGone_SkippedAndNothingSent()
    {
        await LeaveDueRowAsync("ghost", _h.Clock.GetUtcNow());
        await _h.Store.ListZoneAsync(OrderBodies.Zone, CancellationToken.None);
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(new(0, 0, 1), await SweepAsync());
        Assert.Empty(await _h.DrainAsync());
    }

    [Fact]
    public async Task SweepAsync_IndexRowOfAnOrderAlreadyAssigned_SkippedAndTheOrderLeftAlone()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var assigned = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.Assigned, assigned!.Status);
        await LeaveDueRowAsync("o-1", _h.Clock.GetUtcNow());
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(new(0, 0, 1), await SweepAsync());
        Assert.Empty(await _h.DrainAsync());
        Assert.Equal(assigned, await _h.OrderAsync("o-1"));
    }

    private static OrderRecord DueOrder(string orderId, DateTimeOffset due) => new()
    {
        OrderId = orderId,
        Zone = OrderBodies.Zone,
        Status = OrderStatus.NeedsAssignment,
        NextAttemptAt = due,
        Payload = "{}",
        PayloadHash = "hash",
        Source = "http",
    };

    [Fact]
    public async Task SweepAsync_Republished_MessageCarriesTheOrdersAttemptAndPushesItsNextAttempt()
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        await SweepAsync();

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.NeedsAssignment, order!.Status);
        Assert.Equal(_h.Clock.GetUtcNow(), order.NextAttemptAt);
        var message = Assert.Single(await _h.DrainAsync());
        Assert.Equal(order.Attempts, message.ApplicationProperties[MessageProperties.Attempt]);
        Assert.Equal("o-1", message.ApplicationProperties[MessageProperties.OrderId]);
        Assert.Equal(OrderBodies.Zone, message.SessionId);
    }
}
