using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Drivers;

/// <summary>Great-circle distance by the haversine formula.</summary>
public static class GreatCircle
{
    private const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        var dLat = Radians(b.Lat - a.Lat);
        var dLon = Radians(b.Lon - a.Lon);
        var h = Math.Pow(Math.Sin(dLat / 2), 2) +
                Math.Cos(Radians(a.Lat)) * Math.Cos(Radians(b.Lat)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>
    /// A lower bound of the distance between any two points at these latitudes: along a meridian the
    /// haversine distance is exactly R·|Δφ|, and any difference in longitude only adds to it.
    /// </summary>
    public static double MinimumDistanceKm(double latA, double latB) => EarthRadiusKm * Math.Abs(Radians(latB - latA));

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
