using System.Globalization;
using AsyncFunctions.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.Http.Results;

/// <summary>
/// What an unexpected exception becomes: storage throttling or an outage is 503 with Retry-After
/// (the client may simply try again; intake is idempotent), and so are ETag re-reads that ran out
/// under contention (a 409/412 that escaped its loop); anything else is a 500 that names no
/// internals. All are logged with the exception.
/// </summary>
public static partial class FailureMapping
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Runs a handler and maps whatever escapes it; for hosts that call the handlers without <c>MapDispatchApi</c> (the Functions app).</summary>
    public static async Task<IResult> GuardAsync(HttpContext context, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        try
        {
            return await handler();
        }
        catch (Exception ex)
        {
            return ToHttpResult(ex, context);
        }
    }

    public static IResult ToHttpResult(Exception exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return Microsoft.AspNetCore.Http.Results.Empty; // the client went away; nobody is left to read an answer

        var logger = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("AsyncFunctions.Http") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        switch (exception)
        {
            case TableStorageException { IsTransient: true }:
                LogUnavailable(logger, exception, context.Request.Method, context.Request.Path.Value);
                return DispatchProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                    "Storage is temporarily unavailable; retry the request later.",
                    headers: new Dictionary<string, string> { ["Retry-After"] = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture) });
            case TableStorageException { Kind: TableErrorKind.PreconditionFailed or TableErrorKind.AlreadyExists }:
                // Exhausted conflict retries are contention, which passes: never a 500.
                LogContended(logger, exception, context.Request.Method, context.Request.Path.Value);
                return DispatchProblems.Create(context, StatusCodes.Status503ServiceUnavailable, "Too much contention",
                    "The resource kept changing while this request was applied; retry the request later.",
                    headers: new Dictionary<string, string> { ["Retry-After"] = RetryAfter.TotalSeconds.ToString(CultureInfo.InvariantCulture) });
            case BadHttpRequestException bad:
                // Kestrel's own refusals (body too large, client stopped sending) keep their status.
                return DispatchProblems.Create(context, bad.StatusCode, "Bad request", "The request could not be read.");
            default:
                LogFailed(logger, exception, context.Request.Method, context.Request.Path.Value);
                return DispatchProblems.Create(context, StatusCodes.Status500InternalServerError, "Internal server error",
                    "The request failed unexpectedly; it has been logged.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed: storage unavailable; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string? path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} kept conflicting with concurrent writes; answered 503")]
    private static partial void LogContended(ILogger logger, Exception exception, string method, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed unexpectedly; answered 500")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string? path);
}
