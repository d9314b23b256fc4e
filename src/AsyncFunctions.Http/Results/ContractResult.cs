using System.Text.Json;
using AsyncFunctions.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace AsyncFunctions.Http.Results;

/// <summary>
/// A JSON response of the contract: status, body serialized with <see cref="DispatchJson"/> by its
/// runtime type (so a validation problem keeps its errors), and headers such as Location.
/// Written by hand rather than with TypedResults so the output never depends on a host's JSON settings.
/// </summary>
public sealed class ContractResult(int statusCode, object? value, string contentType, IReadOnlyDictionary<string, string>? headers = null)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public object? Value => value;

    public string ContentType => contentType;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, headerValue) in Headers)
            response.Headers[name] = headerValue;
        if (value is null)
            return;
        response.ContentType = contentType;
        // Bodies are small (a status or a problem): serialised first, they go out with a Content-Length
        // in one write instead of chunked, which is cheaper for server and client alike.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), DispatchJson.Options);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
