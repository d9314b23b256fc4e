namespace AsyncFunctions.Core.Orders;

/// <summary>
/// The order aggregate's rules: which status may follow which. Every transition in
/// <c>OrderLifecycle.Transitions.cs</c> checks here, so an illegal move fails in one place.
/// </summary>
public static partial class OrderLifecycle
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

    /// <summary>For the transitions that keep the status (a schedule, a re-publish): only these statuses allow them.</summary>
    private static void EnsureIn(OrderStatus actual, string transition, params OrderStatus[] allowed)
    {
        if (!allowed.Contains(actual))
            throw new InvalidOperationException($"{transition} is not allowed for an order in {actual}.");
    }
}
