using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Handlers;

/// <summary>GET /api/health: the process is up and serving the contract.</summary>
public static class HealthHandler
{
    private static readonly HealthStatus Ok = new("ok");

    public static IResult Get() => DispatchResultMapping.Json(StatusCodes.Status200OK, Ok);
}
