using System.Net.Http.Headers;
using AsyncFunctions.Core.Orders;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Functions.Http;

/// <summary>Reads a JSON request body of at most 64 KiB: 415 when it is not JSON, 413 when it is larger.</summary>
internal static class JsonRequestBody
{
    public static async Task<(ReadOnlyMemory<byte> Body, IResult? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
            return (default, DispatchHttpResults.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the body as application/json."));
        if (request.ContentLength > OrderLimits.MaxBodyBytes)
            return (default, TooLarge());

        // Content-Length may be absent (chunked): count while reading and stop one byte past the limit.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > OrderLimits.MaxBodyBytes)
                return (default, TooLarge());
            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult TooLarge() => DispatchHttpResults.Problem(
        StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body may hold at most {OrderLimits.MaxBodyBytes} bytes.");
}
