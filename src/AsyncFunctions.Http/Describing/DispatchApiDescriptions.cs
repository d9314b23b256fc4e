using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Http.Handlers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Describing;

/// <summary>
/// What each route of the contract accepts and answers, as endpoint metadata an OpenAPI generator reads.
/// The handlers return hand-written results, so nothing here can be inferred: every status listed is one
/// the handler really produces (a test hits each route and compares), and every error is problem+json.
/// </summary>
public static class DispatchApiDescriptions
{
    private const string JsonBodies = "JSON in UTF-8 (application/json or application/*+json), at most 64 KiB; unknown fields are refused.";

    public static RouteHandlerBuilder DescribeSubmitOrder(this RouteHandlerBuilder route) => route
        .WithName("SubmitOrder")
        .WithTags("Orders")
        .WithSummary("Submit an order for assignment")
        .WithDescription("Accepts the order durably and queues it for assignment. An identical resubmission answers 200 with the current status; the same orderId with a different payload is refused with 409.")
        .WithMetadata(new ContractRequestBody(typeof(OrderRequest), JsonBodies))
        .WithMetadata(new ContractParameter(OrderHandlers.IdempotencyKeyHeader, ContractParameterLocation.Header, false,
            "Carries the orderId when the body omits it; must equal the body's orderId when both are present."))
        .Produces<OrderStatusView>(StatusCodes.Status202Accepted)
        .WithMetadata(new ContractResponseHeader(StatusCodes.Status202Accepted, "Location", "Where to read the order's status: /api/orders/{orderId}."))
        .Produces<OrderStatusView>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeGetOrder(this RouteHandlerBuilder route) => route
        .WithName("GetOrder")
        .WithTags("Orders")
        .WithSummary("Read an order's status")
        .Produces<OrderStatusView>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeGetOrderEvents(this RouteHandlerBuilder route) => route
        .WithName("GetOrderEvents")
        .WithTags("Orders")
        .WithSummary("Read an order's history: every event it raised, in sequence order")
        .WithDescription("The stored events (CloudEvents attributes, partner and data) that were, or will be, published to the order-events topic. 404 for an unknown order.")
        .Produces<AsyncFunctions.Core.Events.OrderHistoryView>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeMarkDelivered(this RouteHandlerBuilder route) => route
        .WithName("MarkOrderDelivered")
        .WithTags("Orders")
        .WithSummary("Mark an assigned order delivered, freeing its driver's capacity")
        .Produces<OrderStatusView>(StatusCodes.Status200OK)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeUpsertDriver(this RouteHandlerBuilder route) => route
        .WithName("UpsertDriver")
        .WithTags("Drivers")
        .WithSummary("Register or update a driver")
        .WithDescription("201 when the driver is new, 200 when updated. Moving a driver to another zone while it holds active orders, or lowering its capacity below them, is refused with 409.")
        .WithMetadata(new ContractRequestBody(typeof(DriverRegistration), JsonBodies))
        .Produces<DriverView>(StatusCodes.Status200OK)
        .Produces<DriverView>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeListDrivers(this RouteHandlerBuilder route) => route
        .WithName("ListDrivers")
        .WithTags("Drivers")
        .WithSummary("List the drivers of a zone")
        .WithMetadata(new ContractParameter("zone", ContractParameterLocation.Query, true, "The zone: 1 to 64 lowercase letters, digits and -."))
        .Produces<IReadOnlyList<DriverView>>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeListDeadLetters(this RouteHandlerBuilder route) => route
        .WithName("ListDeadLetters")
        .WithTags("Dead letters")
        .WithSummary("List dead-lettered messages with reason and description")
        .WithMetadata(new ContractParameter("take", ContractParameterLocation.Query, false,
            $"How many to list: 1 to {DeadLetterReplayer.MaxListed} (default {DeadLetterHandlers.DefaultTake})."))
        .Produces<IReadOnlyList<DeadLetterSummary>>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeReplayDeadLetter(this RouteHandlerBuilder route) => route
        .WithName("ReplayDeadLetter")
        .WithTags("Dead letters")
        .WithSummary("Re-send a dead-lettered message (safe to repeat)")
        .Produces<DeadLetterSummary>(StatusCodes.Status202Accepted)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesStorageUnavailable();

    public static RouteHandlerBuilder DescribeHealth(this RouteHandlerBuilder route) => route
        .WithName("GetHealth")
        .WithTags("Health")
        .WithSummary("Liveness: the process is up and serving the contract")
        .Produces<HealthStatus>(StatusCodes.Status200OK);

    /// <summary>Storage throttled or down (see FailureMapping): 503 with Retry-After; intake is idempotent, so retrying is safe.</summary>
    private static RouteHandlerBuilder ProducesStorageUnavailable(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .WithMetadata(new ContractResponseHeader(StatusCodes.Status503ServiceUnavailable, "Retry-After", "Seconds to wait before retrying."));
}
