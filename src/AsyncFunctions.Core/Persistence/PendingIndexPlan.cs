using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// The index rows one order write moves: the order as it will be stored (carrying the keys of its new index
/// rows) and the deletes and upserts that go into the same entity-group transaction, after the order's own
/// action(s), so the failed-action index of the order (and a driver) keeps its meaning.
/// </summary>
public sealed record PendingIndexPlan(OrderRecord Order, IReadOnlyList<TableAction> Actions)
{
    /// <summary>Plans the move from the index rows <paramref name="order"/> was read with to the ones its new state needs.</summary>
    public static PendingIndexPlan For(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var schedule = PendingIndex.ScheduleKey(order);
        var awaiting = PendingIndex.AwaitKey(order);
        var actions = new List<TableAction>(4);
        Move(order, order.ScheduleIndexKey, schedule, actions);
        Move(order, order.AwaitIndexKey, awaiting, actions);
        return new(order with { ScheduleIndexKey = schedule, AwaitIndexKey = awaiting }, actions);
    }

    /// <summary>A new order has no index rows yet, whatever the record says.</summary>
    public static PendingIndexPlan ForNew(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return For(order with { ScheduleIndexKey = null, AwaitIndexKey = null });
    }

    private static void Move(OrderRecord order, string? from, string? to, List<TableAction> actions)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
            return;
        // The old row was written in the same transaction as the version of the order that names it, so it exists.
        if (from is not null)
            actions.Add(TableAction.Delete(new PendingEntry(order.Zone, from, order.OrderId).ToRow(), "*"));
        if (to is not null)
            actions.Add(TableAction.Upsert(new PendingEntry(order.Zone, to, order.OrderId).ToRow()));
    }
}
