using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Describing;
using AsyncFunctions.Http.Handlers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AsyncFunctions.Http.Routing;

/// <summary>Maps the whole HTTP contract (ARCHITECTURE.md) onto a route builder, each route with its row of <see cref="RoutePermissions"/>.</summary>
public static class DispatchApiEndpoints
{
    public static RouteGroupBuilder MapDispatchApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").AddEndpointFilter<FailureMappingFilter>();

        api.MapPost(DispatchRoutes.Orders, OrderHandlers.SubmitAsync).RequirePermission(RoutePermissions.SubmitOrder).DescribeSubmitOrder();
        api.MapGet(DispatchRoutes.Order, OrderHandlers.GetAsync).RequirePermission(RoutePermissions.GetOrder).DescribeGetOrder();
        api.MapGet(DispatchRoutes.OrderEvents, OrderHandlers.GetEventsAsync).RequirePermission(RoutePermissions.GetOrderEvents).DescribeGetOrderEvents();
        api.MapPost(DispatchRoutes.OrderDelivered, OrderHandlers.MarkDeliveredAsync).RequirePermission(RoutePermissions.MarkDelivered).DescribeMarkDelivered();

        api.MapPut(DispatchRoutes.Driver, DriverHandlers.UpsertAsync).RequirePermission(RoutePermissions.UpsertDriver).DescribeUpsertDriver();
        api.MapGet(DispatchRoutes.Drivers, DriverHandlers.ListAsync).RequirePermission(RoutePermissions.ListDrivers).DescribeListDrivers();

        api.MapGet(DispatchRoutes.DeadLetters, DeadLetterHandlers.ListAsync).RequirePermission(RoutePermissions.ListDeadLetters).DescribeListDeadLetters();
        api.MapPost(DispatchRoutes.DeadLetterReplay, DeadLetterHandlers.ReplayAsync).RequirePermission(RoutePermissions.ReplayDeadLetter).DescribeReplayDeadLetter();

        api.MapGet(DispatchRoutes.Health, HealthHandler.Get).RequirePermission(RoutePermissions.Health).DescribeHealth();

        // Anything else under /api (an unknown route, or an id that normalises to another path) is a 404 in the contract's shape.
        endpoints.MapFallback(DispatchRoutes.Prefix + "/{**rest}", (HttpContext context) =>
            Results.DispatchProblems.Create(context, StatusCodes.Status404NotFound, "Not found", "No resource of the dispatch API lives at this path."));
        return api;
    }
}
