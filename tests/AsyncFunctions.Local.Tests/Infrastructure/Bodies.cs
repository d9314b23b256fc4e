using System.Text.Json.Nodes;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Valid request bodies of the contract, as mutable JSON so a test can break one field.</summary>
public static class Bodies
{
    public static JsonObject Order(string orderId, string zone) => new()
    {
        ["orderId"] = orderId,
        ["zone"] = zone,
        ["pickup"] = new JsonObject { ["lat"] = 52.3702, ["lon"] = 4.8952 },
        ["dropoff"] = new JsonObject { ["lat"] = 52.3584, ["lon"] = 4.8811 },
        ["items"] = new JsonArray(new JsonObject { ["sku"] = "margherita", ["quantity"] = 2 }),
        ["customerId"] = "cust-42",
        ["restaurantId"] = "rest-7",
    };

    public static JsonObject Driver(string zone, int capacity = 2, bool available = true) => new()
    {
        ["zone"] = zone,
        ["capacity"] = capacity,
        ["location"] = new JsonObject { ["lat"] = 52.3700, ["lon"] = 4.8950 },
        ["available"] = available,
    };
}
