using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Drivers;

/// <summary>
/// The test oracle for <see cref="ZoneRoster.PickNearest"/>: <see cref="AssignmentRule"/> applied by
/// brute force, every driver measured. Too slow for production, obviously right for tests.
/// </summary>
public static class DriverSelector
{
    public static DriverRecord? Pick(GeoPoint pickup, IEnumerable<DriverRecord> drivers)
    {
        DriverRecord? best = null;
        var bestDistance = double.MaxValue;
        foreach (var driver in drivers)
        {
            if (!AssignmentRule.CanTake(driver))
                continue;
            var distance = GreatCircle.DistanceKm(pickup, driver.Location);
            if (best is null || AssignmentRule.IsBetter(distance, driver, bestDistance, best))
            {
                best = driver;
                bestDistance = distance;
            }
        }

        return best;
    }
}
