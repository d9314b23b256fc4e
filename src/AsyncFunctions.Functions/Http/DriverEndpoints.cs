using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Functions.Http;

/// <summary>PUT /api/drivers/{driverId} and GET /api/drivers?zone=z — the shared handlers behind a function key and the caller's app roles.</summary>
public sealed class DriverEndpoints(DriverRegistry roster, IOptions<CallerAuthorizationOptions> authorization)
{
    [Function("PutDriver")]
    public Task<IResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "drivers/{driverId}")] HttpRequest request,
        string driverId) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.UpsertDriver, authorization.Value, () => DriverHandlers.UpsertAsync(driverId, request.HttpContext, roster)));

    [Function("ListDrivers")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drivers")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.ListDrivers, authorization.Value, () => DriverHandlers.ListAsync(request.HttpContext, roster)));
}
