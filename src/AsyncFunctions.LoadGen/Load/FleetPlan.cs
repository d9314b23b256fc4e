using System.Globalization;
using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Load;

/// <summary>
/// The drivers and orders of a run, deterministic so two runs with the same options send the same shapes:
/// zones load-1..load-Z spread around Amsterdam, drivers round-robin over the zones, each order picked up
/// near its zone's centre. Driver ids are stable across runs (a second run updates them); order ids carry the run id.
/// </summary>
public sealed class FleetPlan(LoadOptions options)
{
    private const double BaseLat = 52.37;
    private const double BaseLon = 4.90;

    public static string Zone(int index) => string.Create(CultureInfo.InvariantCulture, $"load-{index + 1}");

    public static string DriverId(int index) => string.Create(CultureInfo.InvariantCulture, $"load-driver-{index + 1:D4}");

    public string OrderId(int index) => string.Create(CultureInfo.InvariantCulture, $"load-{options.RunId}-{index + 1:D7}");

    public object Driver(int index)
    {
        var zone = index % options.Zones;
        var (lat, lon) = Near(zone, index);
        return new { zone = Zone(zone), capacity = options.CapacityPerDriver, location = new { lat, lon }, available = true };
    }

    public object Order(int index)
    {
        var zone = index % options.Zones;
        var (lat, lon) = Near(zone, index * 7919);
        return new
        {
            orderId = OrderId(index),
            zone = Zone(zone),
            pickup = new { lat, lon },
            dropoff = new { lat = lat + 0.01, lon = lon - 0.01 },
            items = new[] { new { sku = "load-meal", quantity = 1 + (index % 3) } },
            customerId = string.Create(CultureInfo.InvariantCulture, $"customer-{index % 997}"),
        };
    }

    /// <summary>Whether order <paramref name="index"/> is one of the fraction sent twice (evenly spread, no randomness).</summary>
    public bool IsDuplicated(int index) =>
        Math.Floor((index + 1) * options.Duplicates) > Math.Floor(index * options.Duplicates);

    private static (double Lat, double Lon) Near(int zone, int salt)
    {
        var angle = zone * 2 * Math.PI / 12;
        var centreLat = BaseLat + 0.03 * Math.Sin(angle);
        var centreLon = BaseLon + 0.05 * Math.Cos(angle);
        // A cheap deterministic scatter of about ±0.005° (a few hundred metres).
        var jitterLat = ((salt * 37) % 101 - 50) / 10_000.0;
        var jitterLon = ((salt * 53) % 101 - 50) / 10_000.0;
        return (Math.Round(centreLat + jitterLat, 5), Math.Round(centreLon + jitterLon, 5));
    }
}
