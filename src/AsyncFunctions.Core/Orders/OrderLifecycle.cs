namespace AsyncFunctions.Core.Orders;

/// <summary>The legal status transitions. Every write of a status goes through <see cref="EnsureCanMove"/>.</summary>
public static class OrderLifecycle
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.NeedsAssignment] = [OrderStatus.InProgress, OrderStatus.DeadLettered],
        // Back to NeedsAssignment when a lease expires and the sweeper releases the claim.
        [OrderStatus.InProgress] = [OrderStatus.Assigned, OrderStatus.AwaitingDriver, OrderStatus.NeedsAssignment, OrderStatus.DeadLettered],
        [OrderStatus.AwaitingDriver] = [OrderStatus.InProgress, OrderStatus.DeadLettered],
        [OrderStatus.Assigned] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [],
        // Only an explicit replay revives a dead-lettered order.
        [OrderStatus.DeadLettered] = [OrderStatus.NeedsAssignment],
    };

    /// <summary>Resolved orders need no more processing; a message for one is a duplicate.</summary>
    public static bool IsResolved(OrderStatus status) =>
        status is OrderStatus.Assigned or OrderStatus.Delivered or OrderStatus.DeadLettered;

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!CanMove(from, to))
            throw new InvalidOperationException($"An order cannot move from {from} to {to}.");
    }
}
