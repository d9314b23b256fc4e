using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Delivery;

/// <summary>POST /api/orders/{id}/delivered: Assigned → Delivered and the driver's capacity freed, in one transaction.</summary>
public sealed class DeliveryConfirmation(DispatchStore store, WaitingOrderWaker waker, IOptions<DispatchOptions> options, TimeProvider time, DriverRosterCache? rosterCache = null)
{
    public async Task<DispatchResult<OrderStatusView>> MarkDeliveredAsync(string orderId, CancellationToken cancellationToken)
    {
        if (!OrderParser.IsValidId(orderId))
            return DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.");
        for (var round = 0; round < options.Value.MaxConflictRetries; round++)
        {
            var order = await store.FindOrderAsync(orderId, cancellationToken);
            if (order is null)
                return DispatchResult<OrderStatusView>.NotFound($"No order with id '{orderId}'.");
            if (order.Status != OrderStatus.Assigned)
                return DispatchResult<OrderStatusView>.Conflict("Order is not Assigned",
                    $"Order '{orderId}' is {order.Status}; only an Assigned order can be marked delivered.");

            var driver = order.DriverId is null ? null : await store.GetDriverAsync(order.Zone, order.DriverId, cancellationToken);
            var now = time.GetUtcNow();
            try
            {
                if (driver is null)
                {
                    // The driver entity is gone (removed out of band): the capacity it would free no longer
                    // exists, but the delivery is still a fact, so record it on the order alone.
                    var alone = await store.UpdateOrderAsync(order.MoveTo(OrderStatus.Delivered, now), cancellationToken);
                    return DispatchResult<OrderStatusView>.Ok(alone.ToView());
                }

                var (delivered, freed) = await store.CommitOrderAndDriverAsync(
                    order.MoveTo(OrderStatus.Delivered, now),
                    driver with { ActiveOrders = Math.Max(0, driver.ActiveOrders - 1), UpdatedAt = now },
                    cancellationToken);
                rosterCache?.Replace(freed);
                await waker.WakeAsync(order.Zone, freedSlots: 1, cancellationToken);
                return DispatchResult<OrderStatusView>.Ok(delivered.ToView());
            }
            catch (TableStorageException ex) when (ex.Kind is TableErrorKind.PreconditionFailed
                || (ex.Kind == TableErrorKind.NotFound && ex.FailedActionIndex == DispatchStore.DriverActionIndex))
            {
                // The driver took another order or vanished (or the order changed) meanwhile: read both again.
            }
        }

        throw new TableStorageException(TableErrorKind.Transient, $"Order {orderId} kept changing while being marked delivered.");
    }
}
