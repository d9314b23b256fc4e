using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The drivers of one zone ordered by latitude, so that <see cref="AssignmentRule"/> (nearest with
/// spare capacity, then fewer active orders, then smaller id) is answered by looking outwards from the
/// pickup's latitude and stopping once no driver further out can be as near: a zone of 1,000 drivers
/// costs about as much as one of 10.
/// </summary>
public sealed class ZoneRoster
{
    // Rounding slack: a driver whose lower bound exceeds the best distance by less than this is still measured.
    private const double SlackKm = 1e-9;

    // Relative margin on the haversine term below which a driver is measured exactly; far above rounding error.
    private const double HaversineMargin = 1e-9;

    private readonly DriverRecord[] _byLatitude;
    private readonly Dictionary<string, int> _positions;
    private readonly double[] _latRadians;
    private readonly double[] _lonRadians;
    private readonly double[] _cosLat;

    public ZoneRoster(IEnumerable<DriverRecord> drivers)
    {
        _byLatitude = [.. drivers.OrderBy(d => d.Location.Lat).ThenBy(d => d.DriverId, StringComparer.Ordinal)];
        _positions = new Dictionary<string, int>(_byLatitude.Length, StringComparer.Ordinal);
        _latRadians = new double[_byLatitude.Length];
        _lonRadians = new double[_byLatitude.Length];
        _cosLat = new double[_byLatitude.Length];
        for (var i = 0; i < _byLatitude.Length; i++)
        {
            _positions[_byLatitude[i].DriverId] = i;
            _latRadians[i] = Radians(_byLatitude[i].Location.Lat);
            _lonRadians[i] = Radians(_byLatitude[i].Location.Lon);
            _cosLat[i] = Math.Cos(_latRadians[i]);
        }
    }

    public IReadOnlyList<DriverRecord> Drivers => _byLatitude;

    /// <summary>
    /// The roster with one driver's newer version. The same place is overwritten when the driver keeps its
    /// location (a single reference write: a concurrent reader sees the old or the new version, and either
    /// is a fair hint, since the commit's ETag decides); a new or moved driver gets a rebuilt copy.
    /// </summary>
    public ZoneRoster With(DriverRecord driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        if (!_positions.TryGetValue(driver.DriverId, out var at) || _byLatitude[at].Location != driver.Location)
            return new ZoneRoster(_byLatitude.Where(d => d.DriverId != driver.DriverId).Append(driver));
        Volatile.Write(ref _byLatitude[at], driver);
        return this;
    }

    /// <summary>The driver <see cref="AssignmentRule"/> picks among these for the pickup, or null; tested against a brute-force oracle.</summary>
    public DriverRecord? PickNearest(GeoPoint pickup)
    {
        var above = LowerBound(pickup.Lat);
        var below = above - 1;
        var pickupLat = Radians(pickup.Lat);
        var pickupLon = Radians(pickup.Lon);
        var pickupCos = Math.Cos(pickupLat);
        DriverRecord? best = null;
        var bestDistance = double.MaxValue;
        var bestHaversine = double.MaxValue;
        while (below >= 0 || above < _byLatitude.Length)
        {
            // Take the side whose next driver is closer in latitude; its lower bound is the smaller one.
            var belowBound = below >= 0 ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[below].Location.Lat) : double.MaxValue;
            var aboveBound = above < _byLatitude.Length ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[above].Location.Lat) : double.MaxValue;
            if (Math.Min(belowBound, aboveBound) > bestDistance + SlackKm)
                break;
            var at = belowBound <= aboveBound ? below-- : above++;
            var driver = _byLatitude[at];
            if (!AssignmentRule.CanTake(driver))
                continue;

            // The haversine term grows with distance, so a driver clearly farther than the best is skipped
            // without the full formula; anyone close to the best is measured exactly, as the rule does.
            var sinLat = Math.Sin((_latRadians[at] - pickupLat) / 2);
            var sinLon = Math.Sin((_lonRadians[at] - pickupLon) / 2);
            var haversine = sinLat * sinLat + pickupCos * _cosLat[at] * sinLon * sinLon;
            if (best is not null && haversine > bestHaversine * (1 + HaversineMargin) + double.Epsilon)
                continue;
            var distance = GreatCircle.DistanceKm(pickup, driver.Location);
            if (best is null || AssignmentRule.IsBetter(distance, driver, bestDistance, best))
            {
                best = driver;
                bestDistance = distance;
                bestHaversine = haversine;
            }
        }

        return best;
    }

    /// <summary>
    /// The up to <paramref name="count"/> drivers <see cref="AssignmentRule"/> ranks first for the pickup, best first
    /// (the first is <see cref="PickNearest"/>'s); tested against the brute-force oracle like it. Same walk outwards
    /// by latitude, stopping once nobody further out can beat the last of the <paramref name="count"/>.
    /// </summary>
    public IReadOnlyList<(DriverRecord Driver, double DistanceKm)> Nearest(GeoPoint pickup, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var above = LowerBound(pickup.Lat);
        var below = above - 1;
        var pickupLat = Radians(pickup.Lat);
        var pickupLon = Radians(pickup.Lon);
        var pickupCos = Math.Cos(pickupLat);
        var best = new List<(DriverRecord Driver, double DistanceKm, double Haversine)>(count + 1);
        while (below >= 0 || above < _byLatitude.Length)
        {
            var belowBound = below >= 0 ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[below].Location.Lat) : double.MaxValue;
            var aboveBound = above < _byLatitude.Length ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[above].Location.Lat) : double.MaxValue;
            var full = best.Count == count;
            if (full && Math.Min(belowBound, aboveBound) > best[^1].DistanceKm + SlackKm)
                break;
            var at = belowBound <= aboveBound ? below-- : above++;
            var driver = _byLatitude[at];
            if (!AssignmentRule.CanTake(driver))
                continue;
            var sinLat = Math.Sin((_latRadians[at] - pickupLat) / 2);
            var sinLon = Math.Sin((_lonRadians[at] - pickupLon) / 2);
            var haversine = sinLat * sinLat + pickupCos * _cosLat[at] * sinLon * sinLon;
            if (full && haversine > best[^1].Haversine * (1 + HaversineMargin) + double.Epsilon)
                continue;
            var distance = GreatCircle.DistanceKm(pickup, driver.Location);
            var place = best.Count;
            while (place > 0 && AssignmentRule.IsBetter(distance, driver, best[place - 1].DistanceKm, best[place - 1].Driver))
                place--;
            if (place == count)
                continue;
            best.Insert(place, (driver, distance, haversine));
            if (best.Count > count)
                best.RemoveAt(count);
        }

        return [.. best.Select(b => (b.Driver, b.DistanceKm))];
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private int LowerBound(double latitude)
    {
        int low = 0, high = _byLatitude.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_byLatitude[mid].Location.Lat < latitude)
                low = mid + 1;
            else
                high = mid;
        }

        return low;
    }
}
