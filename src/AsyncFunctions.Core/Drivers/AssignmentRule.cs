using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The assignment rule, deterministic so it can be tested: among available drivers in the zone with
/// spare capacity, the nearest to the pickup (great-circle distance); ties go to fewer active orders,
/// then to the smaller driverId (ordinal). <see cref="ZoneRoster.PickNearest"/> applies it fast.
/// </summary>
public static class AssignmentRule
{
    /// <summary>Whether the driver may take an order at all.</summary>
    public static bool CanTake(DriverRecord driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return driver.HasSpareCapacity;
    }

    /// <summary>Whether <paramref name="driver"/> at <paramref name="distance"/> km beats the best so far.</summary>
    public static bool IsBetter(double distance, DriverRecord driver, double bestDistance, DriverRecord best)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(best);
        if (distance != bestDistance)
            return distance < bestDistance;
        if (driver.ActiveOrders != best.ActiveOrders)
            return driver.ActiveOrders < best.ActiveOrders;
        return string.CompareOrdinal(driver.DriverId, best.DriverId) < 0;
    }
}
