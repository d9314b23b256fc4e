using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>Order JSON bodies for tests: a valid order to start from, tweaked with <see cref="JsonNode"/> edits.</summary>
public static class OrderBodies
{
    public const string Zone = "zone-a";

    /// <summary>Central Paris; drivers in tests are placed relative to it.</summary>
    public const double PickupLat = 48.8566;
    public const double PickupLon = 2.3522;

    public static JsonObject Order(string orderId = "order-1", string zone = Zone, int quantity = 1) => new()
    {
        ["orderId"] = orderId,
        ["zone"] = zone,
        ["pickup"] = new JsonObject { ["lat"] = PickupLat, ["lon"] = PickupLon },
        ["dropoff"] = new JsonObject { ["lat"] = 48.8606, ["lon"] = 2.3376 },
        ["items"] = new JsonArray(
            new JsonObject { ["sku"] = "pizza-margherita", ["quantity"] = quantity },
            new JsonObject { ["sku"] = "cola", ["quantity"] = 2 }),
        ["customerId"] = "customer-7",
    };

    public static byte[] Bytes(this JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Raw(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A driver registration body (PUT /api/drivers/{id}).</summary>
    public static JsonObject Driver(string zone = Zone, int capacity = 2, double lat = PickupLat, double lon = PickupLon, bool available = true) => new()
    {
        ["zone"] = zone,
        ["capacity"] = capacity,
        ["location"] = new JsonObject { ["lat"] = lat, ["lon"] = lon },
        ["available"] = available,
    };
}
