using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Retention;
using AsyncFunctions.Core.Sweeping;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Retention;

/// <summary>How the retention purge spends its budget across zones, and the sweep's zone order at its edges.</summary>
public sealed class RetentionBudgetTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?> { ["Dispatch:DeliveredRetention"] = "1.00:00:00" });

    public void Dispose() => _h.Dispose();

    private async Task DeliverAsync(string orderId, string zone)
    {
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order(orderId, zone)));
        Assert.Equal(ResultKind.Ok, (await _h.Delivery.MarkDeliveredAsync(orderId, CancellationToken.None)).Kind);
    }

    private async Task ExpiredInTwoZonesAsync(int inFirst, int inSecond)
    {
        await _h.AddDriverAsync("d-a", zone: "zone-a", capacity: 50);
        await _h.AddDriverAsync("d-b", zone: "zone-b", capacity: 50);
        for (var i = 0; i < inFirst; i++)
            await DeliverAsync($"a-{i}", "zone-a");
        for (var i = 0; i < inSecond; i++)
            await DeliverAsync($"b-{i}", "zone-b");
        _h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
    }

    private Task<int> PurgeAsync(int budget) => _h.Get<DeliveredRetention>().PurgeAsync(budget, CancellationToken.None);

    [Fact]
    public async Task Purge_BudgetLeftAfterTheFirstZone_GoesOnToTheNext()
    {
        await ExpiredInTwoZonesAsync(inFirst: 1, inSecond: 1);

        Assert.Equal(2, await PurgeAsync(10));
    }

    [Fact]
    public async Task Purge_TheNextZoneGetsOnlyWhatIsLeftOfTheBudget()
    {
        await ExpiredInTwoZonesAsync(inFirst: 1, inSecond: 3);

        Assert.Equal(2, await PurgeAsync(2));
        Assert.Equal(2, await PurgeAsync(10));
    }

    [Fact]
    public async Task Purge_NoBudget_TouchesNothing()
    {
        await ExpiredInTwoZonesAsync(inFirst: 1, inSecond: 0);
        var calls = _h.Faults.Calls;

        Assert.Equal(0, await PurgeAsync(0));
        Assert.Equal(calls, _h.Faults.Calls);
    }

    [Fact]
    public void After_AZoneNoLongerListed_StartsAtTheFirst() =>
        Assert.Equal("a", SweepOrder.After(["a", "b", "c"], "x"));
}
