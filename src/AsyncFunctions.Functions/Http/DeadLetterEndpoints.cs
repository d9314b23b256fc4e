using System.Globalization;
using AsyncFunctions.Core.DeadLetters;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Http;

/// <summary>GET /api/deadletters and POST /api/deadletters/{id}/replay.</summary>
public sealed class DeadLetterEndpoints(DeadLetterReplayer replayer)
{
    private const int DefaultTake = 100;

    [Function("ListDeadLetters")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "deadletters")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var take = int.TryParse(request.Query["take"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) ? asked : DefaultTake;
        return DispatchHttpResults.Ok(await replayer.ListAsync(take, cancellationToken));
    }

    [Function("ReplayDeadLetter")]
    public async Task<IResult> ReplayAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "deadletters/{id}/replay")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        DispatchHttpResults.From(await replayer.ReplayAsync(id, cancellationToken));
}
