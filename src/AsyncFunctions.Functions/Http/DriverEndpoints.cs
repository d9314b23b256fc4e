using AsyncFunctions.Core.Drivers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>PUT /api/drivers/{driverId} and GET /api/drivers?zone=z.</summary>
public sealed class DriverEndpoints(DriverRoster roster)
{
    [Function("PutDriver")]
    public async Task<IResult> PutAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "drivers/{driverId}")] HttpRequest request,
        string driverId,
        CancellationToken cancellationToken)
    {
        var (body, refusal) = await JsonRequestBody.ReadAsync(request, cancellationToken);
        if (refusal is not null)
            return refusal;
        return DispatchHttpResults.From(await roster.UpsertAsync(driverId, body, cancellationToken));
    }

    [Function("ListDrivers")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "drivers")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var zone = request.Query["zone"].ToString();
        if (!DriverRoster.IsValidZone(zone))
            return DispatchHttpResults.Problem(StatusCodes.Status400BadRequest, "Invalid zone", "Pass ?zone= with 1 to 64 of a-z, 0-9 and '-'.");
        return DispatchHttpResults.Ok(await roster.ListAsync(zone, cancellationToken));
    }
}
