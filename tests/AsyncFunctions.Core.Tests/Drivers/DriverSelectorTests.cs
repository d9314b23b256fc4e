using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Drivers;

public sealed class DriverSelectorTests
{
    private static readonly GeoPoint Pickup = new(48.8566, 2.3522);

    private static DriverRecord Driver(string id, double kmNorth, int active = 0, int capacity = 3, bool available = true) => new()
    {
        DriverId = id,
        Zone = "z",
        // One degree of latitude is about 111.2 km everywhere.
        Location = new GeoPoint(Pickup.Lat + kmNorth / 111.2, Pickup.Lon),
        ActiveOrders = active,
        Capacity = capacity,
        Available = available,
    };

    [Fact]
    public void Pick_DifferentDistances_NearestWins()
    {
        var picked = DriverSelector.Pick(Pickup, [Driver("far", 5), Driver("near", 1), Driver("mid", 2)]);

        Assert.Equal("near", picked?.DriverId);
    }

    [Fact]
    public void Pick_NearestIsBusier_StillNearestWins()
    {
        var picked = DriverSelector.Pick(Pickup, [Driver("idle-far", 2, active: 0), Driver("busy-near", 1, active: 2)]);

        Assert.Equal("busy-near", picked?.DriverId);
    }

    [Fact]
    public void Pick_TieOnDistance_FewerActiveOrdersWins()
    {
        var picked = DriverSelector.Pick(Pickup, [Driver("a", 1, active: 2), Driver("b", 1, active: 1), Driver("c", 1, active: 2)]);

        Assert.Equal("b", picked?.DriverId);
    }

    [Fact]
    public void Pick_TieOnDistanceAndLoad_SmallerDriverIdOrdinalWins()
    {
        // Ordinal: "driver-10" < "driver-9" and "Z" < "a".
        Assert.Equal("driver-10", DriverSelector.Pick(Pickup, [Driver("driver-9", 1), Driver("driver-10", 1)])?.DriverId);
        Assert.Equal("Z", DriverSelector.Pick(Pickup, [Driver("a", 1), Driver("Z", 1)])?.DriverId);
    }

    [Fact]
    public void Pick_InputOrder_DoesNotMatter()
    {
        DriverRecord[] drivers = [Driver("c", 1), Driver("a", 1), Driver("b", 1)];

        Assert.Equal("a", DriverSelector.Pick(Pickup, drivers)?.DriverId);
        Assert.Equal("a", DriverSelector.Pick(Pickup, drivers.Reverse())?.DriverId);
    }

    [Fact]
    public void Pick_NearestUnavailableOrFull_Skipped()
    {
        var picked = DriverSelector.Pick(Pickup,
        [
            Driver("off", 0.1, available: false),
            Driver("full", 0.2, active: 3, capacity: 3),
            Driver("no-capacity", 0.3, capacity: 0),
            Driver("free", 4),
        ]);

        Assert.Equal("free", picked?.DriverId);
    }

    [Fact]
    public void Pick_NoneEligible_ReturnsNull()
    {
        Assert.Null(DriverSelector.Pick(Pickup, []));
        Assert.Null(DriverSelector.Pick(Pickup, [Driver("off", 1, available: false), Driver("full", 1, active: 1, capacity: 1)]));
    }
}
