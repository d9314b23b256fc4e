namespace AsyncFunctions.Core.Orders;

/// <summary>Where an order stands; the status entity is the single truth for it.</summary>
public enum OrderStatus
{
    NeedsAssignment,
    InProgress,
    AwaitingDriver,
    Assigned,
    Delivered,
    DeadLettered,
}
