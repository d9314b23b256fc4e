using AsyncFunctions.Http.Describing;
using AsyncFunctions.Http.Handlers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AsyncFunctions.Http.Routing;

/// <summary>Maps the whole HTTP contract (ARCHITECTURE.md) onto a route builder.</summary>
public static class DispatchApiEndpoints
{
    public static RouteGroupBuilder MapDispatchApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").AddEndpointFilter<FailureMappingFilter>();

        api.MapPost(DispatchRoutes.Orders, OrderHandlers.SubmitAsync).DescribeSubmitOrder();
        api.MapGet(DispatchRoutes.Order, OrderHandlers.GetAsync).DescribeGetOrder();
        api.MapPost(DispatchRoutes.OrderDelivered, OrderHandlers.MarkDeliveredAsync).DescribeMarkDelivered();

        api.MapPut(DispatchRoutes.Driver, DriverHandlers.UpsertAsync).DescribeUpsertDriver();
        api.MapGet(DispatchRoutes.Drivers, DriverHandlers.ListAsync).DescribeListDrivers();

        api.MapGet(DispatchRoutes.DeadLetters, DeadLetterHandlers.ListAsync).DescribeListDeadLetters();
        api.MapPost(DispatchRoutes.DeadLetterReplay, DeadLetterHandlers.ReplayAsync).DescribeReplayDeadLetter();

        api.MapGet(DispatchRoutes.Health, HealthHandler.Get).DescribeHealth();

        // Anything else under /api (an unknown route, or an id that normalises to another path) is a 404 in the contract's shape.
        endpoints.MapFallback(DispatchRoutes.Prefix + "/{**rest}", (HttpContext context) =>
            Results.DispatchProblems.Create(context, StatusCodes.Status404NotFound, "Not found", "No resource of the dispatch API lives at this path."));
        return api;
    }
}
