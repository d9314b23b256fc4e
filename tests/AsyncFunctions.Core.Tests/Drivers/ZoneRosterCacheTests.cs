using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// The per-instance roster cache: reused for exactly Dispatch:DriverRosterCacheDuration, updated by this
/// process's own writes, and a no-op for zones it has not read.
/// </summary>
public sealed class ZoneRosterCacheTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?> { ["Dispatch:DriverRosterCacheDuration"] = "00:00:05" });

    public void Dispose() => _h.Dispose();

    private ZoneRosterCache Cache => _h.Get<ZoneRosterCache>();

    private Task<(ZoneRoster Roster, bool FromCache)> GetAsync(bool refresh = false) => Cache.GetAsync(OrderBodies.Zone, refresh, CancellationToken.None);

    [Fact]
    public async Task GetAsync_WithinTheDuration_ServedFromTheCacheThenReadAgainWhenItEnds()
    {
        await _h.AddDriverAsync("d-1");
        Assert.False((await GetAsync()).FromCache);

        _h.Clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        Assert.True((await GetAsync()).FromCache);

        _h.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.False((await GetAsync()).FromCache);
    }

    [Fact]
    public async Task GetAsync_Refresh_ReadsTheStoreEvenWhenFresh()
    {
        await _h.AddDriverAsync("d-1");
        await GetAsync();

        Assert.False((await GetAsync(refresh: true)).FromCache);
    }

    [Fact]
    public async Task Replace_CachedZone_NextPickSeesTheWrittenVersion()
    {
        await _h.AddDriverAsync("d-1", capacity: 1);
        var (roster, _) = await GetAsync();
        var driver = Assert.Single(roster.Drivers);

        Cache.Replace(driver with { ActiveOrders = 1 });

        var (cached, fromCache) = await GetAsync();
        Assert.True(fromCache);
        Assert.Equal(1, Assert.Single(cached.Drivers).ActiveOrders);
        Assert.Null(cached.PickNearest(new AsyncFunctions.Core.Orders.GeoPoint(OrderBodies.PickupLat, OrderBodies.PickupLon)));
    }

    [Fact]
    public async Task Replace_ZoneNotCached_IsIgnoredAndTheNextGetReadsTheStore()
    {
        var driver = await _h.AddDriverAsync("d-1");
        var stored = (await _h.DriverAsync("d-1"))!;

        Cache.Replace(stored with { ActiveOrders = 2 });

        var (roster, fromCache) = await GetAsync();
        Assert.False(fromCache);
        Assert.Equal(0, Assert.Single(roster.Drivers).ActiveOrders);
        Assert.Equal("d-1", driver.DriverId);
    }
}
