using System.Text.Json.Nodes;
using AsyncFunctions.Testing.Bodies;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Valid request bodies of the contract in Amsterdam, as mutable JSON so a test can break one field.</summary>
public static class Bodies
{
    public static JsonObject Order(string orderId, string zone)
    {
        var order = ContractBodies.Order(orderId, zone, (52.3702, 4.8952), (52.3584, 4.8811), ("margherita", 2));
        order["customerId"] = "cust-42";
        order["restaurantId"] = "rest-7";
        return order;
    }

    public static JsonObject Driver(string zone, int capacity = 2, bool available = true) =>
        ContractBodies.Driver(zone, capacity, (52.3700, 4.8950), available);
}
