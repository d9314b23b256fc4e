using System.Globalization;
using System.Text;
using AsyncFunctions.Testing.Chaos;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>Valid order bodies with ids unique across the whole process, spread around each zone's centre.</summary>
internal static class OrderBodies
{
    private static long _next;

    public static (string Id, byte[] Body) Next(int zones)
    {
        var index = Interlocked.Increment(ref _next);
        var id = string.Create(CultureInfo.InvariantCulture, $"bench-{index:D8}");
        var zone = (int)(index % zones);
        var (lat, lon) = ChaosOrders.Centre(zone);
        var offset = (index % 97) / 1000.0;
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{id}}","zone":"zone-{{zone}}","pickup":{"lat":{{lat + offset}},"lon":{{lon - offset}}},"dropoff":{"lat":{{lat - offset}},"lon":{{lon + offset}}},"items":[{"sku":"meal-{{index % 13}}","quantity":1}]}"""));
        return (id, body);
    }
}
