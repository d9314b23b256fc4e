using System.Text.Json.Nodes;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Orders;

/// <summary>
/// Which event each transition raises: the aggregate decides, the persistence stores it with the change
/// (<see cref="OrderEventPlan"/>). Only status changes an outsider cares about raise one; claims, releases of
/// expired claims, re-publishes and deferrals change nothing a partner can act on, so they stay silent.
/// </summary>
public static partial class OrderLifecycle
{
    private static OrderRecord Raise(this OrderRecord order, string type, DateTimeOffset now, JsonObject? data = null) =>
        order with { Raised = [.. order.Raised, new RaisedEvent(type, now, data ?? new JsonObject())] };

    private static OrderRecord RaiseAccepted(this OrderRecord order, OrderRequest request, DateTimeOffset now, DateTimeOffset dueAt)
    {
        var data = new JsonObject { ["dueAt"] = dueAt };
        if (request.ReadyAt is { } readyAt)
            data["readyAt"] = readyAt;
        return order.Raise(OrderEventTypes.OrderAccepted, now, data);
    }

    private static OrderRecord RaiseAssigned(this OrderRecord order, DateTimeOffset now) =>
        order.Raise(OrderEventTypes.DriverAssigned, now, new JsonObject { ["driverId"] = order.DriverId, ["attempts"] = order.Attempts });

    private static OrderRecord RaiseAwaiting(this OrderRecord order, DateTimeOffset now) =>
        order.Raise(OrderEventTypes.AwaitingDriver, now, new JsonObject
        {
            ["attempt"] = order.Attempts,
            ["nextAttemptAt"] = order.NextAttemptAt,
            ["reason"] = order.LastError,
        });

    private static OrderRecord RaiseDeadLettered(this OrderRecord order, string reason, string description, DateTimeOffset now) =>
        order.Raise(OrderEventTypes.OrderDeadLettered, now, new JsonObject { ["reason"] = reason, ["description"] = description });

    private static OrderRecord RaiseDelivered(this OrderRecord order, DateTimeOffset now) =>
        order.Raise(OrderEventTypes.OrderDelivered, now, new JsonObject { ["driverId"] = order.DriverId });
}
