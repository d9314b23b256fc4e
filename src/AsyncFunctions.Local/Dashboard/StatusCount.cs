using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>How many orders are in one status.</summary>
public sealed record StatusCount(OrderStatus Status, int Count);
