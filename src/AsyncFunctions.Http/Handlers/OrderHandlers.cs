using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Http.Bodies;
using AsyncFunctions.Http.Results;
using AsyncFunctions.Http.Routing;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Handlers;

/// <summary>POST /api/orders, GET /api/orders/{orderId}, GET /api/orders/{orderId}/events, POST /api/orders/{orderId}/delivered.</summary>
public static class OrderHandlers
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Orders submitted over HTTP are marked with this source; partners name themselves.</summary>
    public const string HttpSource = "http";

    public static async Task<IResult> SubmitAsync(HttpContext context, OrderIntake intake)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(intake);
        var body = await JsonBodyReader.ReadAsync(context.Request);
        if (body.Refusal is { } refusal)
            return refusal;

        var idempotencyKey = context.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var key) ? key.ToString() : null;
        var result = await intake.SubmitAsync(body.Body, idempotencyKey, HttpSource, RequestCorrelation.Of(context.Request), context.RequestAborted);
        return result.ToHttpResult(context, order => DispatchRoutes.OrderLocation(order.OrderId));
    }

    public static async Task<IResult> GetAsync(string orderId, HttpContext context, OrderQueries queries)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(queries);
        var result = await queries.GetAsync(orderId, context.RequestAborted);
        return result.ToHttpResult(context);
    }

    public static async Task<IResult> GetEventsAsync(string orderId, HttpContext context, OrderHistory history)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(history);
        var result = await history.GetAsync(orderId, context.RequestAborted);
        return result.ToHttpResult(context);
    }

    public static async Task<IResult> MarkDeliveredAsync(string orderId, HttpContext context, DeliveryConfirmation delivery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(delivery);
        var result = await delivery.MarkDeliveredAsync(orderId, context.RequestAborted);
        return result.ToHttpResult(context);
    }
}
