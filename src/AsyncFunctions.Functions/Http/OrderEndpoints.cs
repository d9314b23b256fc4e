using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Functions.Http;

/// <summary>POST /api/orders, GET /api/orders/{orderId}, GET /api/orders/{orderId}/events, POST /api/orders/{orderId}/delivered — the shared handlers behind a function key and the caller's app roles.</summary>
public sealed class OrderEndpoints(OrderIntake intake, OrderQueries queries, OrderHistory history, DeliveryConfirmation delivery, IOptions<CallerAuthorizationOptions> authorization)
{
    [Function("SubmitOrder")]
    public Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.SubmitOrder, authorization.Value, () => OrderHandlers.SubmitAsync(request.HttpContext, intake)));

    [Function("GetOrder")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.GetOrder, authorization.Value, () => OrderHandlers.GetAsync(orderId, request.HttpContext, queries)));

    [Function("GetOrderEvents")]
    public Task<IResult> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}/events")] HttpRequest request,
        string orderId) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.GetOrderEvents, authorization.Value, () => OrderHandlers.GetEventsAsync(orderId, request.HttpContext, history)));

    [Function("MarkOrderDelivered")]
    public Task<IResult> MarkDeliveredAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/delivered")] HttpRequest request,
        string orderId) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.MarkDelivered, authorization.Value, () => OrderHandlers.MarkDeliveredAsync(orderId, request.HttpContext, delivery)));
}
