using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>POST /api/orders, GET /api/orders/{orderId}, POST /api/orders/{orderId}/delivered.</summary>
public sealed class OrderEndpoints(OrderIntake intake, OrderQueries queries, DeliveryConfirmation delivery)
{
    /// <summary>The source recorded for orders that arrive over HTTP (partners name themselves in the "source" property).</summary>
    public const string HttpSource = "http";

    [Function("SubmitOrder")]
    public async Task<IResult> SubmitAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await JsonRequestBody.ReadAsync(request, cancellationToken);
        if (refusal is not null)
            return refusal;
        var result = await intake.SubmitAsync(body, Header(request, "Idempotency-Key"), HttpSource, Header(request, "X-Correlation-Id"), cancellationToken);
        return DispatchHttpResults.From(result, order => $"/api/orders/{Uri.EscapeDataString(order.OrderId)}");
    }

    [Function("GetOrder")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        DispatchHttpResults.From(await queries.GetAsync(orderId, cancellationToken));

    [Function("MarkOrderDelivered")]
    public async Task<IResult> MarkDeliveredAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/delivered")] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        DispatchHttpResults.From(await delivery.MarkDeliveredAsync(orderId, cancellationToken));

    private static string? Header(HttpRequest request, string name) =>
        request.Headers[name].ToString() is { Length: > 0 } value ? value : null;
}
