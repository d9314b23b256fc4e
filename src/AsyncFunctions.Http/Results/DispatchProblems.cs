using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AsyncFunctions.Http.Results;

/// <summary>RFC 9457 problem details, the single shape of every error the API returns.</summary>
public static class DispatchProblems
{
    public const string ContentType = "application/problem+json";

    public static ContractResult Create(HttpContext context, int status, string title, string? detail,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        problem.Type = TypeOf(status);
        problem.Title = title;
        problem.Status = status;
        problem.Detail = detail;
        problem.Instance = context.Request.Path.Value;
        // Lets an operator find the log lines of a failed request without exposing anything else.
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        return new ContractResult(status, problem, ContentType, headers);
    }

    public static ContractResult Invalid(HttpContext context, IReadOnlyDictionary<string, string[]> errors) =>
        Create(context, StatusCodes.Status400BadRequest, "Invalid request", "One or more fields are invalid; see errors.", errors);

    public static ContractResult Invalid(HttpContext context, string field, string message) =>
        Invalid(context, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The section of RFC 9110 that defines the status: a stable, dereferenceable problem type.</summary>
    private static string TypeOf(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        500 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
