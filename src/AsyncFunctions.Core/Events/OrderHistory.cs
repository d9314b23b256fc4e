using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;

namespace AsyncFunctions.Core.Events;

/// <summary>GET /api/orders/{orderId}/events: the order's whole story from its stored events (directory point read, one range read).</summary>
public sealed class OrderHistory(DispatchStore store)
{
    public async Task<DispatchResult<OrderHistoryView>> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        if (!OrderParser.IsValidId(orderId))
            return DispatchResult<OrderHistoryView>.NotFound($"No order with id '{orderId}'.");
        var entry = await store.GetDirectoryAsync(orderId, EntityKeys.DirectoryOrderRow, cancellationToken);
        // A directory entry whose order was never written (an intake that crashed in between) is no order yet.
        var events = entry is null ? [] : await store.ListEventsAsync(entry.Zone, orderId, cancellationToken);
        return events.Count == 0
            ? DispatchResult<OrderHistoryView>.NotFound($"No order with id '{orderId}'.")
            : DispatchResult<OrderHistoryView>.Ok(new OrderHistoryView(orderId, [.. events.Select(OrderEventView.Of)]));
    }
}
