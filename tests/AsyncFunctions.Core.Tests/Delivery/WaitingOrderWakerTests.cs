using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Delivery;

/// <summary>How many waiting orders freed capacity wakes, which ones, the copy it sends, and that it never fails the delivery.</summary>
public sealed class WaitingOrderWakerTests : IDisposable
{
    private const string Zone = "zone-wake";
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?> { ["Dispatch:MaxWakeups"] = "2" });

    public void Dispose() => _h.Dispose();

    private Task<int> WakeAsync(int freedSlots) => _h.Get<WaitingOrderWaker>().WakeAsync(Zone, freedSlots, CancellationToken.None);

    private async Task AwaitDriverAsync(params string[] orderIds)
    {
        foreach (var orderId in orderIds)
        {
            await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order(orderId, zone: Zone)));
            Assert.Equal(OrderStatus.AwaitingDriver, (await _h.OrderAsync(orderId))!.Status);
            _h.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(await _h.DrainAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task WakeAsync_NoSlotFreed_WakesNobody(int freedSlots)
    {
        await AwaitDriverAsync("w-1");
        var calls = _h.Faults.Calls;

        Assert.Equal(0, await WakeAsync(freedSlots));

        // Not even a query: Table Storage refuses a page size of 0, and a delivery that freed nothing should cost nothing.
        Assert.Equal(calls, _h.Faults.Calls);
        Assert.Empty(await _h.DrainAsync());
    }

    [Fact]
    public async Task WakeAsync_SlotsFreed_WakesAsManyOldestFirstWithAnImmediateWakeCopy()
    {
        await AwaitDriverAsync("w-1", "w-2", "w-3");

        Assert.Equal(1, await WakeAsync(1));

        var woken = Assert.Single(await _h.DrainAsync());
        Assert.Equal("w-1:wake:1", woken.MessageId);
        Assert.Equal(OrderMessages.Wake, woken.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal(1, woken.ApplicationProperties[MessageProperties.Attempt]);
    }

    [Fact]
    public async Task WakeAsync_MoreSlotsThanMaxWakeups_WakesAtMostMaxWakeups()
    {
        await AwaitDriverAsync("w-1", "w-2", "w-3");

        Assert.Equal(2, await WakeAsync(5));

        Assert.Equal(["w-1:wake:1", "w-2:wake:1"], (await _h.DrainAsync()).Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task WakeAsync_OldestEntryNoLongerWaiting_SkippedAndTheNextOneWoken()
    {
        // An index row whose order is gone (or moved on between the two reads), older than the one really waiting.
        await _h.Store.Tables.UpsertAsync(_h.Store.Names.DispatchTable,
            new PendingEntry(Zone, $"{PendingIndex.AwaitPrefix}0000000000000000001|ghost", "ghost").ToRow());
        await AwaitDriverAsync("w-1");

        Assert.Equal(0, await WakeAsync(1));
        Assert.Equal(1, await WakeAsync(2));

        Assert.Equal("w-1:wake:1", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task WakeAsync_StorageFails_WakesNobodyAndDoesNotThrow()
    {
        await AwaitDriverAsync("w-1");
        _h.Faults.Down = true;

        Assert.Equal(0, await WakeAsync(1));
    }

    [Fact]
    public async Task WakeAsync_Cancelled_TheCancellationIsNotSwallowed()
    {
        await AwaitDriverAsync("w-1");
        _h.Faults.FailOnce("query", fault: new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => WakeAsync(1));
    }
}
