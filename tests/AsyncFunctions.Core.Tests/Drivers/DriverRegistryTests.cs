using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Drivers;

public sealed class DriverRegistryTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<DispatchResult<DriverView>> PutAsync(string driverId, string zone = OrderBodies.Zone, int capacity = 2, bool available = true, double lat = OrderBodies.PickupLat) =>
        _h.Roster.UpsertAsync(driverId, OrderBodies.Driver(zone, capacity, lat, OrderBodies.PickupLon, available).Bytes(), CancellationToken.None);

    [Fact]
    public async Task UpsertAsync_NewDriver_Created()
    {
        var result = await PutAsync("d-1", capacity: 3);

        Assert.Equal(ResultKind.Created, result.Kind);
        Assert.Equal(new DriverView("d-1", OrderBodies.Zone, 3, 0, new GeoPoint(OrderBodies.PickupLat, OrderBodies.PickupLon), true, _h.Clock.GetUtcNow()), result.Value);
        Assert.Equal(OrderBodies.Zone, (await _h.Store.GetDirectoryAsync("d-1", EntityKeys.DirectoryDriverRow, CancellationToken.None))!.Zone);
    }

    [Fact]
    public async Task UpsertAsync_ExistingDriverWithActiveOrders_OkAndKeepsActiveOrders()
    {
        await PutAsync("d-1", capacity: 2);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var result = await PutAsync("d-1", capacity: 5, lat: OrderBodies.PickupLat + 0.01);

        Assert.Equal(ResultKind.Ok, result.Kind);
        Assert.Equal(1, result.Value!.ActiveOrders);
        Assert.Equal(5, result.Value.Capacity);
        var stored = await _h.DriverAsync("d-1");
        Assert.Equal(1, stored!.ActiveOrders);
        Assert.Equal(OrderBodies.PickupLat + 0.01, stored.Location.Lat);
    }

    [Fact]
    public async Task UpsertAsync_CapacityBelowActiveOrders_ConflictAndNothingChanged()
    {
        await PutAsync("d-1", capacity: 2);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var before = await _h.DriverAsync("d-1");

        var result = await PutAsync("d-1", capacity: 0);

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Contains("holds 1 active order", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _h.DriverAsync("d-1"));
        // Capacity equal to what it holds is fine: it just takes nothing new.
        Assert.Equal(ResultKind.Ok, (await PutAsync("d-1", capacity: 1)).Kind);
    }

    [Fact]
    public async Task UpsertAsync_MoveZoneWithActiveOrders_ConflictAndDriverStays()
    {
        await PutAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var before = await _h.DriverAsync("d-1");

        var result = await PutAsync("d-1", zone: "zone-b");

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Equal(before, await _h.DriverAsync("d-1"));
        Assert.Null(await _h.DriverAsync("d-1", "zone-b"));
        Assert.Equal(OrderBodies.Zone, (await _h.Store.GetDirectoryAsync("d-1", EntityKeys.DirectoryDriverRow, CancellationToken.None))!.Zone);
    }

    [Fact]
    public async Task UpsertAsync_MoveZoneWithoutActiveOrders_OldEntityGoneDirectoryUpdated()
    {
        await PutAsync("d-1");

        var result = await PutAsync("d-1", zone: "zone-b");

        Assert.True(result.Succeeded);
        Assert.Equal("zone-b", result.Value!.Zone);
        Assert.Null(await _h.DriverAsync("d-1"));
        Assert.NotNull(await _h.DriverAsync("d-1", "zone-b"));
        Assert.Equal("zone-b", (await _h.Store.GetDirectoryAsync("d-1", EntityKeys.DirectoryDriverRow, CancellationToken.None))!.Zone);
        Assert.Empty(await _h.Roster.ListAsync(OrderBodies.Zone, CancellationToken.None));
        Assert.Equal("d-1", Assert.Single(await _h.Roster.ListAsync("zone-b", CancellationToken.None)).DriverId);
    }

    [Fact]
    public async Task UpsertAsync_InvalidBody_InvalidAndNothingStored()
    {
        var body = OrderBodies.Driver(capacity: 99);

        var result = await _h.Roster.UpsertAsync("d-1", body.Bytes(), CancellationToken.None);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(["capacity"], result.Errors!.Keys);
        Assert.Null(await _h.DriverAsync("d-1"));
    }

    [Fact]
    public async Task UpsertAsync_DriverBecomesAvailable_WakesWaitingOrder()
    {
        await PutAsync("d-1", available: false);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.Empty(await _h.DrainAsync());

        await PutAsync("d-1", available: true);

        Assert.Equal("o-1:wake:1", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task ListAsync_Zone_OrderedByDriverId()
    {
        await PutAsync("d-b");
        await PutAsync("d-a");
        await PutAsync("d-c", zone: "zone-b");

        var listed = await _h.Roster.ListAsync(OrderBodies.Zone, CancellationToken.None);

        Assert.Equal(["d-a", "d-b"], listed.Select(d => d.DriverId));
    }
}
