using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Http.Bodies;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Handlers;

/// <summary>PUT /api/drivers/{driverId} and GET /api/drivers?zone=z.</summary>
public static class DriverHandlers
{
    public static async Task<IResult> UpsertAsync(string driverId, HttpContext context, DriverRegistry roster)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(roster);
        var body = await JsonBodyReader.ReadAsync(context.Request);
        if (body.Refusal is { } refusal)
            return refusal;
        var result = await roster.UpsertAsync(driverId, body.Body, context.RequestAborted);
        return result.ToHttpResult(context);
    }

    public static async Task<IResult> ListAsync(HttpContext context, DriverRegistry roster)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(roster);
        var zones = context.Request.Query["zone"];
        if (zones.Count != 1 || !DriverRegistry.IsValidZone(zones[0]))
            return DispatchProblems.Invalid(context, "zone", "is required once: 1 to 64 lowercase letters, digits and -.");
        var drivers = await roster.ListAsync(zones[0]!, context.RequestAborted);
        return DispatchResultMapping.Json(StatusCodes.Status200OK, drivers);
    }
}
