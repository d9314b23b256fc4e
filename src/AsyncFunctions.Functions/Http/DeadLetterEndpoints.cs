using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Http.Handlers;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>GET /api/deadletters and POST /api/deadletters/{id}/replay — the shared handlers behind function keys.</summary>
public sealed class DeadLetterEndpoints(DeadLetterReplayer replayer)
{
    [Function("ListDeadLetters")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "deadletters")] HttpRequest request) =>
        FailureMapping.GuardAsync(request.HttpContext, () => DeadLetterHandlers.ListAsync(request.HttpContext, replayer));

    [Function("ReplayDeadLetter")]
    public Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "deadletters/{id}/replay")] HttpRequest request,
        string id) =>
        FailureMapping.GuardAsync(request.HttpContext, () => DeadLetterHandlers.ReplayAsync(id, request.HttpContext, replayer));
}
