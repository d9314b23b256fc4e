using System.Text.Json.Nodes;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// The event rows one order write adds: the events its transition raised, numbered after the ones already
/// stored, each as a history row and a pending marker (two inserts per event, in the order's own transaction,
/// after its other actions so their failed-action indexes keep their meaning), and the order as it will be
/// stored: its <see cref="OrderRecord.EventSequence"/> moved on, nothing left raised.
/// </summary>
public sealed record OrderEventPlan(OrderRecord Order, IReadOnlyList<OrderEvent> Events, IReadOnlyList<TableAction> Actions)
{
    /// <summary>Two rows per event; an order write stays far below the 100-action transaction limit.</summary>
    public const int ActionsPerEvent = 2;

    public static OrderEventPlan For(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Raised.Count == 0)
            return new(order, [], []);

        var events = new List<OrderEvent>(order.Raised.Count);
        var actions = new List<TableAction>(order.Raised.Count * ActionsPerEvent);
        var sequence = order.EventSequence;
        foreach (var raised in order.Raised)
        {
            var stored = new OrderEvent
            {
                Stream = order.OrderId,
                Sequence = ++sequence,
                Type = raised.Type,
                Subject = order.OrderId,
                Time = raised.Time,
                Partner = order.Source,
                Data = DataOf(order, raised).ToJsonString(),
            };
            events.Add(stored);
            // Inserts: if either row existed the number was taken, which the order's ETag rules out; a 409 would say so loudly.
            actions.Add(TableAction.Add(stored.ToRow(order.Zone)));
            actions.Add(TableAction.Add(stored.ToMarker(order.Zone, raised.Time)));
        }

        return new(order with { EventSequence = sequence, Raised = [] }, events, actions);
    }

    // What every order event carries, then what this type adds. Ids, statuses and reasons only: no customer data.
    private static JsonObject DataOf(OrderRecord order, RaisedEvent raised)
    {
        var data = new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["zone"] = order.Zone,
            ["status"] = order.Status.ToString(),
            ["source"] = order.Source,
        };
        foreach (var (name, value) in raised.Data)
            data[name] = value?.DeepClone();
        return data;
    }
}
