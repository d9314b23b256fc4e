using AsyncFunctions.Testing.Bodies;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>Order and driver bodies as the HTTP contract and partner messages carry them.</summary>
public static class Bodies
{
    public const string Zone = "zone-a";
    public const string OtherZone = "zone-b";

    public static byte[] Order(string orderId, string zone = Zone, int quantity = 1) =>
        ContractBodies.Order(orderId, zone, (52.37, 4.89), (52.36, 4.88), ("pad-thai", quantity)).Bytes();

    public static byte[] Driver(string zone = Zone, int capacity = 1, bool available = true) =>
        ContractBodies.Driver(zone, capacity, (52.37, 4.89), available).Bytes();
}
