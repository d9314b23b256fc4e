using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Functions.Http;

/// <summary>GET /api/deadletters and POST /api/deadletters/{id}/replay — the shared handlers behind a function key and the caller's app roles.</summary>
public sealed class DeadLetterEndpoints(DeadLetterReplayer replayer, IOptions<CallerAuthorizationOptions> authorization)
{
    [Function("ListDeadLetters")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "deadletters")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.ListDeadLetters, authorization.Value, () => DeadLetterHandlers.ListAsync(request.HttpContext, replayer)));

    [Function("ReplayDeadLetter")]
    public Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "deadletters/{id}/replay")] HttpRequest request,
        string id) =>
        FailureMapping.GuardAsync(request.HttpContext, () =>
            CallerAuthorization.GuardAsync(request.HttpContext, RoutePermissions.ReplayDeadLetter, authorization.Value, () => DeadLetterHandlers.ReplayAsync(id, request.HttpContext, replayer)));
}
