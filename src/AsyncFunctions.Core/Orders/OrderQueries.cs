using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;

namespace AsyncFunctions.Core.Orders;

/// <summary>GET /api/orders/{orderId}: two point reads (directory, then order).</summary>
public sealed class OrderQueries(DispatchStore store)
{
    public async Task<DispatchResult<OrderStatusView>> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        if (!OrderParser.IsValidId(orderId))
            return DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.");
        var order = await store.FindOrderAsync(orderId, cancellationToken);
        return order is null
            ? DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.")
            : DispatchResult<OrderStatusView>.Ok(order.ToView());
    }
}
