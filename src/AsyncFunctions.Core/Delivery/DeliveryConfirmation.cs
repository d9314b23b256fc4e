using AsyncFunctions.Core.Concurrency;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Delivery;

/// <summary>POST /api/orders/{id}/delivered: Assigned → Delivered and the driver's capacity freed, in one transaction.</summary>
public sealed class DeliveryConfirmation(DispatchStore store, WaitingOrderWaker waker, IOptions<DispatchOptions> options, TimeProvider time, ZoneRosterCache? rosterCache = null)
{
    /// <summary>200 delivered, 404 unknown, 409 not Assigned, 503 when order or driver kept changing under every attempt.</summary>
    public async Task<DispatchResult<OrderStatusView>> MarkDeliveredAsync(string orderId, CancellationToken cancellationToken)
    {
        if (!OrderParser.IsValidId(orderId))
            return DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.");
        var delivered = await ConflictRetry.RunAsync(options.Value.MaxConflictRetries,
            _ => DeliverOnceAsync(orderId, cancellationToken),
            $"Order {orderId} kept changing while being marked delivered",
            // The driver took another order or vanished (or the order changed) meanwhile: read both again.
            isConflict: ex => ex.Kind is TableErrorKind.PreconditionFailed
                || (ex.Kind == TableErrorKind.NotFound && ex.FailedActionIndex == DispatchStore.DriverActionIndex));
        return delivered.IsContended ? DispatchResult<OrderStatusView>.Contended(delivered.ContentionDetail) : delivered.Value;
    }

    private async Task<DispatchResult<OrderStatusView>> DeliverOnceAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await store.FindOrderAsync(orderId, cancellationToken);
        if (order is null)
            return DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.");
        if (order.Status != OrderStatus.Assigned)
            return DispatchResult<OrderStatusView>.Conflict("Order is not Assigned",
                $"Order '{orderId}' is {order.Status}; only an Assigned order can be marked delivered.");

        var driver = order.DriverId is null ? null : await store.GetDriverAsync(order.Zone, order.DriverId, cancellationToken);
        var now = time.GetUtcNow();
        if (driver is null)
        {
            // The driver entity is gone (removed out of band): the capacity it would free no longer
            // exists, but the delivery is still a fact, so record it on the order alone.
            var alone = await store.UpdateOrderAsync(order.Deliver(now), cancellationToken);
            return DispatchResult<OrderStatusView>.Ok(alone.ToView());
        }

        var (delivered, freed) = await store.CommitOrderAndDriverAsync(order.Deliver(now), driver.FreeOrder(now), cancellationToken);
        rosterCache?.Replace(freed);
        await waker.WakeAsync(order.Zone, freedSlots: 1, cancellationToken);
        return DispatchResult<OrderStatusView>.Ok(delivered.ToView());
    }
}
