using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Local.Seeding;

/// <summary>Three zones around Amsterdam Centraal (52.3791, 4.9003), two drivers each with room for a few orders.</summary>
internal static class DemoDrivers
{
    public static readonly IReadOnlyList<DemoDriver> All =
    [
        new("driver-a1", "zone-a", 5, new GeoPoint(52.3791, 4.9003)),
        new("driver-a2", "zone-a", 3, new GeoPoint(52.3740, 4.8897)),
        new("driver-b1", "zone-b", 5, new GeoPoint(52.3600, 4.8852)),
        new("driver-b2", "zone-b", 3, new GeoPoint(52.3579, 4.8686)),
        new("driver-c1", "zone-c", 5, new GeoPoint(52.3676, 4.9041)),
        new("driver-c2", "zone-c", 3, new GeoPoint(52.3630, 4.9260)),
    ];
}
