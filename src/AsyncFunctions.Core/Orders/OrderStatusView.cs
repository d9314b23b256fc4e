namespace AsyncFunctions.Core.Orders;

/// <summary>The status body of the HTTP contract.</summary>
public sealed record OrderStatusView(
    string OrderId,
    string Zone,
    OrderStatus Status,
    string? DriverId,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? LastError);
