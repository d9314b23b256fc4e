using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The assignment rule, deterministic so it can be tested: among available drivers in the zone
/// with spare capacity, the nearest to the pickup; ties go to fewer active orders, then to the
/// smaller driverId (ordinal).
/// </summary>
public static class DriverSelector
{
    public static DriverRecord? Pick(GeoPoint pickup, IEnumerable<DriverRecord> drivers)
    {
        DriverRecord? best = null;
        var bestDistance = double.MaxValue;
        foreach (var driver in drivers)
        {
            if (!driver.HasSpareCapacity)
                continue;
            var distance = GreatCircle.DistanceKm(pickup, driver.Location);
            if (best is null || IsBetter(distance, driver, bestDistance, best))
            {
                best = driver;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The tie-breaking order of the rule, shared with <see cref="ZoneRoster.PickNearest"/>.</summary>
    internal static bool IsBetter(double distance, DriverRecord driver, double bestDistance, DriverRecord best)
    {
        if (distance != bestDistance)
            return distance < bestDistance;
        if (driver.ActiveOrders != best.ActiveOrders)
            return driver.ActiveOrders < best.ActiveOrders;
        return string.CompareOrdinal(driver.DriverId, best.DriverId) < 0;
    }
}
