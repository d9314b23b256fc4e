using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// The latitude-ordered pick the assigner uses must choose exactly the driver the rule (DriverSelector)
/// chooses, ties included; otherwise the cached roster would quietly change who gets an order.
/// </summary>
public sealed class ZoneRosterTests
{
    [Fact]
    public void PickNearest_RandomZonesWithTiesAndFullDrivers_SameDriverAsTheRule()
    {
        var random = new Random(5);
        var compared = 0;
        for (var zone = 0; zone < 400; zone++)
        {
            var count = random.Next(0, 60);
            // Few distinct spots, so equal distances (ties) are common.
            var spots = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => new GeoPoint(48.8 + random.Next(-20, 20) * 0.001, 2.3 + random.Next(-20, 20) * 0.001)).ToArray();
            var drivers = Enumerable.Range(0, count).Select(i => new DriverRecord
            {
                DriverId = $"d{random.Next(1000):D3}-{i}",
                Zone = "z",
                Capacity = 2,
                ActiveOrders = random.Next(0, 3),
                Available = random.Next(5) > 0,
                Location = spots[random.Next(spots.Length)],
            }).ToList();
            var roster = new ZoneRoster(drivers);
            for (var p = 0; p < 10; p++)
            {
                var pickup = new GeoPoint(48.8 + random.Next(-30, 30) * 0.001, 2.3 + random.Next(-30, 30) * 0.001);
                Assert.Equal(DriverSelector.Pick(pickup, drivers)?.DriverId, roster.PickNearest(pickup)?.DriverId);
                compared++;
            }
        }

        Assert.Equal(4_000, compared);
    }

    [Fact]
    public void With_DriverTookAnOrder_PickSeesTheNewVersion()
    {
        var near = new DriverRecord { DriverId = "near", Zone = "z", Capacity = 1, Available = true, Location = new GeoPoint(48.8, 2.3) };
        var far = new DriverRecord { DriverId = "far", Zone = "z", Capacity = 1, Available = true, Location = new GeoPoint(48.9, 2.4) };
        var roster = new ZoneRoster([near, far]);
        Assert.Equal("near", roster.PickNearest(new GeoPoint(48.8, 2.3))?.DriverId);

        var updated = roster.With(near with { ActiveOrders = 1 });

        Assert.Equal("far", updated.PickNearest(new GeoPoint(48.8, 2.3))?.DriverId);
        Assert.Equal("near", updated.With(near with { ActiveOrders = 0, Location = new GeoPoint(48.85, 2.35) }).PickNearest(new GeoPoint(48.86, 2.36))?.DriverId);
    }

    [Fact]
    public void With_NewDriverAtTheSpotOfAnother_BothAreInTheRoster()
    {
        var spot = new GeoPoint(48.8, 2.3);
        var first = new DriverRecord { DriverId = "a", Zone = "z", Capacity = 1, Available = true, Location = spot };
        var roster = new ZoneRoster([first]);

        var updated = roster.With(first with { DriverId = "b" });

        Assert.Equal(["a", "b"], updated.Drivers.Select(d => d.DriverId));
        Assert.Equal(["a"], roster.Drivers.Select(d => d.DriverId));
    }

    [Fact]
    public void With_DriverMovedAway_TheOthersStayAndTheOldSpotIsEmpty()
    {
        var a = new DriverRecord { DriverId = "a", Zone = "z", Capacity = 1, Available = true, Location = new GeoPoint(48.80, 2.30) };
        var b = new DriverRecord { DriverId = "b", Zone = "z", Capacity = 1, Available = true, Location = new GeoPoint(48.81, 2.31) };
        var roster = new ZoneRoster([a, b]);

        var updated = roster.With(a with { Location = new GeoPoint(49.5, 3.0) });

        Assert.Equal(["b", "a"], updated.Drivers.Select(d => d.DriverId));
        Assert.Equal("b", updated.PickNearest(new GeoPoint(48.80, 2.30))?.DriverId);
    }
}
