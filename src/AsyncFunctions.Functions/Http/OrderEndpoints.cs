using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>POST /api/orders, GET /api/orders/{orderId}, POST /api/orders/{orderId}/delivered — the shared handlers behind function keys.</summary>
public sealed class OrderEndpoints(OrderIntake intake, OrderQueries queries, DeliveryConfirmation delivery)
{
    [Function("SubmitOrder")]
    public Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () => OrderHandlers.SubmitAsync(request.HttpContext, intake));

    [Function("GetOrder")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId) =>
        FailureMapping.GuardAsync(request.HttpContext, () => OrderHandlers.GetAsync(orderId, request.HttpContext, queries));

    [Function("MarkOrderDelivered")]
    public Task<IResult> MarkDeliveredAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/delivered")] HttpRequest request,
        string orderId) =>
        FailureMapping.GuardAsync(request.HttpContext, () => OrderHandlers.MarkDeliveredAsync(orderId, request.HttpContext, delivery));
}
