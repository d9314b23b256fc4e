using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>Orders awaiting a driver per zone and the age of the oldest, from the census after a sweep, read off the await| index.</summary>
public sealed class AwaitingDriverGaugesTests : IDisposable
{
    private const string Zone = "zone-await";
    private readonly DispatchHarness _h = new();
    private readonly InstrumentRecorder _recorded;

    public AwaitingDriverGaugesTests() => _recorded = new InstrumentRecorder(_h.Get<DispatchMetrics>().Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
    }

    private AwaitingDriverCensus Census => _h.Get<AwaitingDriverCensus>();

    private async Task AwaitDriverAsync(string orderId, string zone = Zone)
    {
        // Retries of earlier orders that fell due meanwhile are taken off first, so the next receive is this order's.
        await _h.DrainAsync();
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order(orderId, zone: zone)));
        Assert.Equal(AsyncFunctions.Core.Orders.OrderStatus.AwaitingDriver, (await _h.OrderAsync(orderId))!.Status);
    }

    [Fact]
    public async Task ObserveAsync_OrdersAwaitingADriver_ReportsTheirCountAndTheOldestWaitPerZone()
    {
        await AwaitDriverAsync("aw-1");
        _h.Clock.Advance(TimeSpan.FromSeconds(30));
        await AwaitDriverAsync("aw-2");
        await AwaitDriverAsync("aw-3", zone: Zone + "-b");
        _h.Clock.Advance(TimeSpan.FromSeconds(10));

        await Census.ObserveAsync(CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromSeconds(5)); // the age keeps growing between censuses, as the wait does

        var counts = _recorded.Observe(AwaitingDriverGauges.CountInstrument);
        Assert.Equal(2, Assert.Single(counts, m => m.Tag("zone") == Zone).Value);
        Assert.Equal(1, Assert.Single(counts, m => m.Tag("zone") == Zone + "-b").Value);
        var ages = _recorded.Observe(AwaitingDriverGauges.OldestAgeInstrument);
        Assert.Equal(45, Assert.Single(ages, m => m.Tag("zone") == Zone).Value, 3);
        Assert.Equal(15, Assert.Single(ages, m => m.Tag("zone") == Zone + "-b").Value, 3);
    }

    [Fact]
    public async Task ObserveAsync_WaitingOrderAssigned_ReportsZeroAtTheNextCensus()
    {
        await AwaitDriverAsync("aw-4");
        await Census.ObserveAsync(CancellationToken.None);
        await _h.AddDriverAsync("d-1", zone: Zone); // frees capacity: the waker retries the order
        foreach (var copy in await _h.DrainAsync())
            await _h.ProcessAsync(copy);

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(0, Assert.Single(_recorded.Observe(AwaitingDriverGauges.CountInstrument), m => m.Tag("zone") == Zone).Value);
        Assert.Equal(0, Assert.Single(_recorded.Observe(AwaitingDriverGauges.OldestAgeInstrument), m => m.Tag("zone") == Zone).Value);
    }

    [Fact]
    public async Task Gauges_NoCensusForAWhile_ReportNothingRatherThanAStaleWait()
    {
        await AwaitDriverAsync("aw-5");
        await Census.ObserveAsync(CancellationToken.None);
        Assert.Single(_recorded.Observe(AwaitingDriverGauges.OldestAgeInstrument), m => m.Tag("zone") == Zone);

        _h.Clock.Advance(AwaitingDriverGauges.ObservationLifetime + TimeSpan.FromSeconds(1));

        Assert.Empty(_recorded.Observe(AwaitingDriverGauges.OldestAgeInstrument));
        Assert.Empty(_recorded.Observe(AwaitingDriverGauges.CountInstrument));
    }

    [Fact]
    public async Task ObserveAsync_ReadsOnlyTheAwaitIndexRange_NoScan()
    {
        await AwaitDriverAsync("aw-6");
        var scans = _recorded.Of(DispatchMetrics.ScansInstrument).Count;

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(scans, _recorded.Of(DispatchMetrics.ScansInstrument).Count);
    }
}
