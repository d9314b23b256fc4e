using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncFunctions.Core.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AsyncFunctions.Functions.Http;

/// <summary>
/// The one place this host turns core results into HTTP: a status code per <see cref="ResultKind"/>,
/// JSON bodies, RFC 9457 problem+json for errors. It has the shape of the shared AsyncFunctions.Http
/// handlers (an <see cref="IResult"/> out), so the HTTP functions can switch to that library unchanged.
/// </summary>
public static class DispatchHttpResults
{
    /// <summary>camelCase names and enums as strings ("status": "NeedsAssignment"), as the HTTP contract shows them.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <param name="locationOf">For 202 Accepted: the URL of the resource to poll, sent as Location.</param>
    public static IResult From<T>(DispatchResult<T> result, Func<T, string>? locationOf = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            ResultKind.Ok => Json(result.Value, StatusCodes.Status200OK),
            ResultKind.Created => Json(result.Value, StatusCodes.Status201Created),
            ResultKind.Accepted when locationOf is not null && result.Value is { } accepted =>
                new LocatedResult(locationOf(accepted), Json(accepted, StatusCodes.Status202Accepted)),
            ResultKind.Accepted => Json(result.Value, StatusCodes.Status202Accepted),
            ResultKind.Invalid => Results.ValidationProblem(
                new Dictionary<string, string[]>(result.Errors ?? new Dictionary<string, string[]>(), StringComparer.Ordinal),
                detail: result.Detail,
                statusCode: StatusCodes.Status400BadRequest,
                title: result.Title),
            ResultKind.Malformed => Problem(StatusCodes.Status400BadRequest, result.Title ?? "Malformed request body", result.Detail),
            ResultKind.NotFound => Problem(StatusCodes.Status404NotFound, result.Title ?? "Not found", result.Detail),
            ResultKind.Conflict => Problem(StatusCodes.Status409Conflict, result.Title ?? "Conflict", result.Detail),
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Kind, "Unknown result kind."),
        };
    }

    public static IResult Ok<T>(T value) => Json(value, StatusCodes.Status200OK);

    public static IResult Problem(int status, string title, string? detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static IResult Json<T>(T value, int status) => Results.Json(value, JsonOptions, statusCode: status);
}
