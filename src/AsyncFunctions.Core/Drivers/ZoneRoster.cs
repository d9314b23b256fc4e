using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Drivers;

/// <summary>
/// The drivers of one zone ordered by latitude, so that <see cref="DriverSelector"/>'s rule (nearest with
/// spare capacity, then fewer active orders, then smaller id) is answered by looking outwards from the
/// pickup's latitude and stopping once no driver further out can be as near: a zone of 1,000 drivers
/// costs about as much as one of 10.
/// </summary>
public sealed class ZoneRoster
{
    // Rounding slack: a driver whose lower bound exceeds the best distance by less than this is still measured.
    private const double SlackKm = 1e-9;

    private readonly DriverRecord[] _byLatitude;
    private readonly Dictionary<string, int> _positions;

    public ZoneRoster(IEnumerable<DriverRecord> drivers)
    {
        _byLatitude = [.. drivers.OrderBy(d => d.Location.Lat).ThenBy(d => d.DriverId, StringComparer.Ordinal)];
        _positions = new Dictionary<string, int>(_byLatitude.Length, StringComparer.Ordinal);
        for (var i = 0; i < _byLatitude.Length; i++)
            _positions[_byLatitude[i].DriverId] = i;
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

    /// <summary>The same driver <see cref="DriverSelector.Pick"/> returns for these drivers, or null.</summary>
    public DriverRecord? PickNearest(GeoPoint pickup)
    {
        var above = LowerBound(pickup.Lat);
        var below = above - 1;
        DriverRecord? best = null;
        var bestDistance = double.MaxValue;
        while (below >= 0 || above < _byLatitude.Length)
        {
            // Take the side whose next driver is closer in latitude; its lower bound is the smaller one.
            var belowBound = below >= 0 ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[below].Location.Lat) : double.MaxValue;
            var aboveBound = above < _byLatitude.Length ? GreatCircle.MinimumDistanceKm(pickup.Lat, _byLatitude[above].Location.Lat) : double.MaxValue;
            var takeBelow = belowBound <= aboveBound;
            if (Math.Min(belowBound, aboveBound) > bestDistance + SlackKm)
                break;
            var driver = takeBelow ? _byLatitude[below--] : _byLatitude[above++];
            if (!driver.HasSpareCapacity)
                continue;
            var distance = GreatCircle.DistanceKm(pickup, driver.Location);
            if (best is null || DriverSelector.IsBetter(distance, driver, bestDistance, best))
            {
                best = driver;
                bestDistance = distance;
            }
        }

        return best;
    }

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
