using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The census and gauges behind the "orders awaiting a driver" alert at their edges: the count's bound, an index
/// key it cannot read, an open storage circuit, the observation lifetime to the tick, and the instruments' units.
/// </summary>
public sealed class AwaitingDriverCensusTests : IDisposable
{
    private const string Zone = "zone-census";
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?>
    {
        ["Resilience:BreakerMinimumThroughput"] = "4",
        ["Resilience:BreakerBreakDuration"] = "00:01:00",
    });

    private readonly InstrumentRecorder _recorded;

    public AwaitingDriverCensusTests() => _recorded = new InstrumentRecorder(_h.Get<DispatchMetrics>().Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
    }

    private AwaitingDriverCensus Census => _h.Get<AwaitingDriverCensus>();

    private AwaitingDriverGauges Gauges => _h.Get<AwaitingDriverGauges>();

    private double Observed(string instrument) => Assert.Single(_recorded.Observe(instrument), m => m.Tag("zone") == Zone).Value;

    /// <summary>Writes await| index rows as <see cref="DispatchStore"/> does, without the orders behind them (the census never reads those).</summary>
    private async Task IndexAsync(params string[] rowKeys)
    {
        var tables = _h.Faults.Inner;
        await tables.UpsertAsync("Dispatch", new TableRow(EntityKeys.ZoneListPartition, Zone, new Dictionary<string, object?>()));
        foreach (var rowKey in rowKeys)
            await tables.UpsertAsync("Dispatch", new PendingEntry(Zone, rowKey, "o").ToRow());
    }

    private static string AwaitKey(DateTimeOffset since, string orderId) => $"{PendingIndex.AwaitPrefix}{since.UtcTicks:D19}|{orderId}";

    [Fact]
    public async Task ObserveAsync_MoreWaitingThanCounted_ReportsTheBound()
    {
        Assert.Equal(1000, AwaitingDriverCensus.MaxCounted);
        var since = _h.Clock.GetUtcNow();
        await IndexAsync([.. Enumerable.Range(0, AwaitingDriverCensus.MaxCounted + 1).Select(i => AwaitKey(since.AddSeconds(i), $"o-{i:D4}"))]);

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(AwaitingDriverCensus.MaxCounted, Observed(AwaitingDriverGauges.CountInstrument));
        Assert.Equal(0, Observed(AwaitingDriverGauges.OldestAgeInstrument));
    }

    [Fact]
    public async Task ObserveAsync_OldestKeyCarriesItsWaitsStart_AgeFromTheKeyAlone()
    {
        await IndexAsync(AwaitKey(_h.Clock.GetUtcNow().AddSeconds(-90), "o-1"), AwaitKey(_h.Clock.GetUtcNow().AddSeconds(-10), "o-2"));

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(2, Observed(AwaitingDriverGauges.CountInstrument));
        Assert.Equal(90, Observed(AwaitingDriverGauges.OldestAgeInstrument), 3);
    }

    [Theory]
    [InlineData("await|not-ticks|o-1")]
    [InlineData("await|0638765316000000000")]
    [InlineData("await||o-1")]
    [InlineData("await|-638765316000000|o-1")]
    public async Task ObserveAsync_OldestKeyUnreadable_CountsItWithNoAge(string rowKey)
    {
        await IndexAsync(rowKey);

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(1, Observed(AwaitingDriverGauges.CountInstrument));
        Assert.Equal(0, Observed(AwaitingDriverGauges.OldestAgeInstrument));
    }

    [Fact]
    public async Task ObserveAsync_StorageCircuitOpen_ReadsNothingAndReportsNothing()
    {
        await IndexAsync(AwaitKey(_h.Clock.GetUtcNow(), "o-1"));
        _ = _h.Get<DependencyCircuits>();
        _h.Faults.Down = true;
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(() => _h.Store.Tables.GetAsync("t", "p", $"r{i}"));
        Assert.True(_h.Get<DependencyCircuits>().Storage.IsBlocking);
        _h.Faults.Down = false;
        var calls = _h.Faults.Calls;

        await Census.ObserveAsync(CancellationToken.None);

        Assert.Equal(calls, _h.Faults.Calls);
        Assert.Empty(_recorded.Observe(AwaitingDriverGauges.CountInstrument));
    }

    [Fact]
    public void Gauges_ObservedExactlyALifetimeAgo_StillReported()
    {
        Gauges.Observe(Zone, 3, _h.Clock.GetUtcNow().AddSeconds(-20));

        _h.Clock.Advance(AwaitingDriverGauges.ObservationLifetime);
        Assert.Equal(3, Observed(AwaitingDriverGauges.CountInstrument));
        Assert.Equal(20 + AwaitingDriverGauges.ObservationLifetime.TotalSeconds, Observed(AwaitingDriverGauges.OldestAgeInstrument), 3);

        _h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(_recorded.Observe(AwaitingDriverGauges.CountInstrument));
    }

    [Fact]
    public void Gauges_OldestSinceAheadOfThisClock_AgeZeroNotNegative()
    {
        Gauges.Observe(Zone, 1, _h.Clock.GetUtcNow().AddSeconds(30));

        Assert.Equal(0, Observed(AwaitingDriverGauges.OldestAgeInstrument));
    }

    [Fact]
    public void Gauges_InstrumentsTheAlertQueries_NamesAndUnits()
    {
        Assert.Equal("dispatch.orders.awaiting_driver", AwaitingDriverGauges.CountInstrument);
        Assert.Equal("dispatch.orders.awaiting_driver.oldest_age", AwaitingDriverGauges.OldestAgeInstrument);
        Assert.Equal(TimeSpan.FromMinutes(5), AwaitingDriverGauges.ObservationLifetime);
        _ = Gauges;
        var instruments = DispatchMetricsTests.Published(_h.Get<DispatchMetrics>().Meter).ToDictionary(i => i.Name);
        Assert.Equal("{order}", instruments[AwaitingDriverGauges.CountInstrument].Unit);
        Assert.Equal("s", instruments[AwaitingDriverGauges.OldestAgeInstrument].Unit);
        Assert.False(string.IsNullOrWhiteSpace(instruments[AwaitingDriverGauges.CountInstrument].Description));
        Assert.False(string.IsNullOrWhiteSpace(instruments[AwaitingDriverGauges.OldestAgeInstrument].Description));
    }
}
