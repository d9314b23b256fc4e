namespace AsyncFunctions.Core.Drivers;

/// <summary>A driver as the HTTP contract shows it.</summary>
public sealed record DriverView(string DriverId, string Zone, int Capacity, int ActiveOrders, Orders.GeoPoint Location, bool Available, DateTimeOffset UpdatedAt);
