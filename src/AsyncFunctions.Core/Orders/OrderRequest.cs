namespace AsyncFunctions.Core.Orders;

/// <summary>A validated order, as accepted over HTTP or from a partner message.</summary>
public sealed record OrderRequest(
    string OrderId,
    string Zone,
    GeoPoint Pickup,
    GeoPoint Dropoff,
    IReadOnlyList<OrderItem> Items,
    string? CustomerId = null,
    string? RestaurantId = null,
    DateTimeOffset? ReadyAt = null);
