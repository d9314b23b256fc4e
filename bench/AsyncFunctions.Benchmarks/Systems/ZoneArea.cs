using AsyncFunctions.Core.Orders;
using AsyncFunctions.Testing.Chaos;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>
/// Each zone is a square of 0.1° (about 11 × 7 km at these latitudes) from the chaos harness's zone
/// centre. Points are spread evenly by a fixed hash of their index, so every run places them alike.
/// </summary>
internal static class ZoneArea
{
    private const double SizeDegrees = 0.1;

    public static GeoPoint Point(int zone, ulong index)
    {
        var (lat, lon) = ChaosOrders.Centre(zone);
        var hash = Mix(index * 2 + 1 + ((ulong)zone << 40));
        var u = (hash >> 11) * (1.0 / (1UL << 53));
        var v = (Mix(hash) >> 11) * (1.0 / (1UL << 53));
        return new GeoPoint(lat + u * SizeDegrees, lon + v * SizeDegrees);
    }

    // SplitMix64: cheap, well spread, deterministic.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
