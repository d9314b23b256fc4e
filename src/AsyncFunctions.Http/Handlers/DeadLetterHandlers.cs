using System.Globalization;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Handlers;

/// <summary>GET /api/deadletters[?take=n] and POST /api/deadletters/{id}/replay.</summary>
public static class DeadLetterHandlers
{
    public const int DefaultTake = 100;

    public static async Task<IResult> ListAsync(HttpContext context, DeadLetterReplayer replayer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(replayer);
        var take = DefaultTake;
        var values = context.Request.Query["take"];
        if (values.Count > 0
            && (values.Count > 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > DeadLetterReplayer.MaxListed))
        {
            return DispatchProblems.Invalid(context, "take", $"must be a whole number from 1 to {DeadLetterReplayer.MaxListed}.");
        }

        var list = await replayer.ListAsync(take, context.RequestAborted);
        return DispatchResultMapping.Json(StatusCodes.Status200OK, list);
    }

    /// <summary>202 again for a record already replayed: a repeat is safe and sends nothing new.</summary>
    public static async Task<IResult> ReplayAsync(string id, HttpContext context, DeadLetterReplayer replayer)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(replayer);
        var result = await replayer.ReplayAsync(id, context.RequestAborted);
        return result.ToHttpResult(context);
    }
}
