namespace AsyncFunctions.Http.Authorization;

/// <summary>What a caller may do with the HTTP API; each route needs at most one (<see cref="RoutePermissions"/>).</summary>
public enum Permission
{
    /// <summary>POST /api/orders.</summary>
    SubmitOrders,

    /// <summary>GET /api/orders/{orderId}.</summary>
    ReadOrderStatus,

    /// <summary>POST /api/orders/{orderId}/delivered: frees a driver's capacity.</summary>
    ConfirmDelivery,

    /// <summary>PUT /api/drivers/{driverId} and GET /api/drivers: zones, capacity, availability and locations.</summary>
    ManageDrivers,

    /// <summary>GET /api/deadletters and POST /api/deadletters/{id}/replay: original bodies, and re-sending them.</summary>
    OperateDeadLetters,
}
