using System.Globalization;
using System.Text;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>Order and driver bodies as the HTTP contract and partner messages carry them.</summary>
public static class Bodies
{
    public const string Zone = "zone-a";
    public const string OtherZone = "zone-b";

    public static byte[] Order(string orderId, string zone = Zone, int quantity = 1) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"orderId":"{{orderId}}","zone":"{{zone}}","pickup":{"lat":52.37,"lon":4.89},"dropoff":{"lat":52.36,"lon":4.88},"items":[{"sku":"pad-thai","quantity":{{quantity}}}]}"""));

    public static byte[] Driver(string zone = Zone, int capacity = 1, bool available = true) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $$"""{"zone":"{{zone}}","capacity":{{capacity}},"location":{"lat":52.37,"lon":4.89},"available":{{(available ? "true" : "false")}}}"""));
}
