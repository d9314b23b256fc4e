using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>PUT /api/drivers/{driverId} and GET /api/drivers?zone=z — the shared handlers behind function keys.</summary>
public sealed class DriverEndpoints(DriverRegistry roster)
{
    [Function("PutDriver")]
    public Task<IResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "drivers/{driverId}")] HttpRequest request,
        string driverId) =>
        FailureMapping.GuardAsync(request.HttpContext, () => DriverHandlers.UpsertAsync(driverId, request.HttpContext, roster));

    [Function("ListDrivers")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drivers")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () => DriverHandlers.ListAsync(request.HttpContext, roster));
}
