using System.Globalization;
using System.Text;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>
/// Valid order bodies with ids unique across the whole process; pickups spread evenly over each zone's
/// square (<see cref="ZoneArea"/>), where the drivers are too.
/// </summary>
internal static class OrderBodies
{
    private static long _next;

    public static (string Id, byte[] Body) Next(int zones)
    {
        var index = Interlocked.Increment(ref _next);
        return Body(index, (int)(index % zones));
    }

    /// <summary>An order in the given zone (zone-N), for runs where each worker keeps to its own zone.</summary>
    public static (string Id, byte[] Body) InZone(int zone) => Body(Interlocked.Increment(ref _next), zone);

    private static (string Id, byte[] Body) Body(long index, int zone)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"bench-{index:D8}");
        var pickup = ZoneArea.Point(zone, (ulong)index);
        var dropoff = ZoneArea.Point(zone, (ulong)index + 0x9E3779B9UL);
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{id}}","zone":"zone-{{zone}}","pickup":{"lat":{{pickup.Lat:F6}},"lon":{{pickup.Lon:F6}}},"dropoff":{"lat":{{dropoff.Lat:F6}},"lon":{{dropoff.Lon:F6}}},"items":[{"sku":"meal-{{index % 13}}","quantity":1}]}"""));
        return (id, body);
    }
}
