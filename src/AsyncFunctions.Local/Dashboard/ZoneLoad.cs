using AsyncFunctions.Core.Drivers;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>A zone's drivers: totals over all of them, and the first few by id to draw.</summary>
public sealed record ZoneLoad(string Zone, int Drivers, int AvailableDrivers, int ActiveOrders, int Capacity, IReadOnlyList<DriverView> Shown);
