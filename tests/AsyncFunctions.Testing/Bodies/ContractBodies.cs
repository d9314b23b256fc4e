using System.Text;
using System.Text.Json.Nodes;

namespace AsyncFunctions.Testing.Bodies;

/// <summary>
/// The order and driver bodies of the HTTP contract (and of partner messages), written once. Each test project
/// picks its own place and items; the shape, which the contract fixes, lives here.
/// </summary>
public static class ContractBodies
{
    /// <summary>An order with the required fields; optional ones (customerId, restaurantId, readyAt) are set on the result.</summary>
    public static JsonObject Order(string orderId, string zone, (double Lat, double Lon) pickup, (double Lat, double Lon) dropoff, params (string Sku, int Quantity)[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var lines = new JsonArray();
        foreach (var (sku, quantity) in items)
            lines.Add(new JsonObject { ["sku"] = sku, ["quantity"] = quantity });
        return new JsonObject
        {
            ["orderId"] = orderId,
            ["zone"] = zone,
            ["pickup"] = Point(pickup),
            ["dropoff"] = Point(dropoff),
            ["items"] = lines,
        };
    }

    /// <summary>A driver registration (PUT /api/drivers/{id}).</summary>
    public static JsonObject Driver(string zone, int capacity, (double Lat, double Lon) location, bool available) => new()
    {
        ["zone"] = zone,
        ["capacity"] = capacity,
        ["location"] = Point(location),
        ["available"] = available,
    };

    /// <summary>The body as UTF-8 JSON bytes, as a request or a message carries it.</summary>
    public static byte[] Bytes(this JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static JsonObject Point((double Lat, double Lon) point) => new() { ["lat"] = point.Lat, ["lon"] = point.Lon };
}
