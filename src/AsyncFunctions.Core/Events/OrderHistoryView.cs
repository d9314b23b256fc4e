namespace AsyncFunctions.Core.Events;

/// <summary>The body of GET /api/orders/{orderId}/events: every event of the order, in sequence order.</summary>
public sealed record OrderHistoryView(string OrderId, IReadOnlyList<OrderEventView> Events);
