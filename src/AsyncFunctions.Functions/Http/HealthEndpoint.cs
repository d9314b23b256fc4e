using AsyncFunctions.Http.Handlers;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>GET /api/health: anonymous, touches no dependency (the platform probes it; a storage hiccup must not recycle the app).</summary>
public static class HealthEndpoint
{
    [Function("Health")]
    public static IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        HealthHandler.Get();
}
