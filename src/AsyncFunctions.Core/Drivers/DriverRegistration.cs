using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Drivers;

/// <summary>The PUT /api/drivers/{driverId} body.</summary>
public sealed record DriverRegistration(string Zone, int Capacity, GeoPoint Location, bool Available);
