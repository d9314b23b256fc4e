using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Testing.Bodies;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>Order JSON bodies for tests: a valid order to start from, tweaked with <see cref="JsonNode"/> edits.</summary>
public static class OrderBodies
{
    public const string Zone = "zone-a";

    /// <summary>Central Paris; drivers in tests are placed relative to it.</summary>
    public const double PickupLat = 48.8566;
    public const double PickupLon = 2.3522;

    public static JsonObject Order(string orderId = "order-1", string zone = Zone, int quantity = 1)
    {
        var order = ContractBodies.Order(orderId, zone, (PickupLat, PickupLon), (48.8606, 2.3376), ("pizza-margherita", quantity), ("cola", 2));
        order["customerId"] = "customer-7";
        return order;
    }

    public static byte[] Bytes(this JsonNode node) => ContractBodies.Bytes(node);

    public static byte[] Raw(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A driver registration body (PUT /api/drivers/{id}).</summary>
    public static JsonObject Driver(string zone = Zone, int capacity = 2, double lat = PickupLat, double lon = PickupLon, bool available = true) =>
        ContractBodies.Driver(zone, capacity, (lat, lon), available);
}
