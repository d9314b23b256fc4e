namespace AsyncFunctions.Http.Routing;

/// <summary>The route templates of the contract, shared by every host.</summary>
public static class DispatchRoutes
{
    public const string Prefix = "/api";
    public const string Orders = "/api/orders";
    public const string Order = "/api/orders/{orderId}";
    public const string OrderDelivered = "/api/orders/{orderId}/delivered";
    public const string OrderEvents = "/api/orders/{orderId}/events";
    public const string Driver = "/api/drivers/{driverId}";
    public const string Drivers = "/api/drivers";
    public const string DeadLetters = "/api/deadletters";
    public const string DeadLetterReplay = "/api/deadletters/{id}/replay";
    public const string Health = "/api/health";

    public static string OrderLocation(string orderId) => $"{Orders}/{Uri.EscapeDataString(orderId)}";
}
