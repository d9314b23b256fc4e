using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Local.Seeding;

/// <summary>One driver registered by --seed-drivers.</summary>
internal sealed record DemoDriver(string DriverId, string Zone, int Capacity, GeoPoint Location);
