using System.Globalization;
using System.Text;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>Generated order bodies: deterministic per index, spread around each zone's centre.</summary>
public static class ChaosOrders
{
    public static string Id(int index) => string.Create(CultureInfo.InvariantCulture, $"chaos-{index:D6}");

    public static string Zone(int index, int zones) => string.Create(CultureInfo.InvariantCulture, $"zone-{index % zones}");

    public static (double Lat, double Lon) Centre(int zone) => (48.80 + zone * 0.05, 2.30 + zone * 0.05);

    public static byte[] Body(int index, int zones, int quantity = 1)
    {
        var (lat, lon) = Centre(index % zones);
        var offset = (index % 97) / 1000.0;
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{Id(index)}}","zone":"{{Zone(index, zones)}}","pickup":{"lat":{{lat + offset}},"lon":{{lon - offset}}},"dropoff":{"lat":{{lat - offset}},"lon":{{lon + offset}}},"items":[{"sku":"meal-{{index % 13}}","quantity":{{quantity}}}]}"""));
    }
}
