using System.Globalization;
using AsyncFunctions.Core.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Results;

/// <summary>Turns a core <see cref="DispatchResult{T}"/> into its HTTP status, body and headers. Each kind maps to exactly one status.</summary>
public static class DispatchResultMapping
{
    /// <param name="result">The core's answer.</param>
    /// <param name="context">The request the problem+json answers.</param>
    /// <param name="location">For 201 and 202: where the client reads the resource from.</param>
    public static ContractResult ToHttpResult<T>(this DispatchResult<T> result, HttpContext context, Func<T, string>? location = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            ResultKind.Ok => Json(StatusCodes.Status200OK, result.Value, null),
            ResultKind.Created => Json(StatusCodes.Status201Created, result.Value, location),
            ResultKind.Accepted => Json(StatusCodes.Status202Accepted, result.Value, location),
            ResultKind.Malformed => DispatchProblems.Create(context, StatusCodes.Status400BadRequest, result.Title ?? "Malformed request body", result.Detail),
            ResultKind.Invalid => DispatchProblems.Create(context, StatusCodes.Status400BadRequest, result.Title ?? "Invalid request", result.Detail,
                result.Errors ?? new Dictionary<string, string[]>()),
            ResultKind.NotFound => DispatchProblems.Create(context, StatusCodes.Status404NotFound, result.Title ?? "Not found", result.Detail),
            ResultKind.Conflict => DispatchProblems.Create(context, StatusCodes.Status409Conflict, result.Title ?? "Conflict", result.Detail),
            // ETag contention that outlasted every re-read: the same request may pass in a moment, like a storage outage.
            ResultKind.Contended => DispatchProblems.Create(context, StatusCodes.Status503ServiceUnavailable, result.Title ?? "Busy, try again", result.Detail,
                headers: new Dictionary<string, string> { ["Retry-After"] = FailureMapping.RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture) }),
            _ => throw new InvalidOperationException($"Unmapped result kind {result.Kind}."),
        };
    }

    public static ContractResult Json(int status, object? value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, value, "application/json; charset=utf-8", headers);

    private static ContractResult Json<T>(int status, T? value, Func<T, string>? location) =>
        Json(status, value, location is not null && value is not null
            ? new Dictionary<string, string> { ["Location"] = location(value) }
            : null);
}
