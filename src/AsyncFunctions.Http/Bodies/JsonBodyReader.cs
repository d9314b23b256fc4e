using System.Buffers;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Bodies;

/// <summary>
/// Reads a JSON request body with a hard limit enforced while reading: a declared Content-Length over
/// the limit is refused before a byte is read, and an undeclared (chunked) body is refused as soon as
/// it passes the limit, so a client can never make the server buffer more than the limit.
/// </summary>
public static class JsonBodyReader
{
    private const int ChunkSize = 8 * 1024;

    public static async Task<BodyRead> ReadAsync(HttpRequest request, int limit = OrderLimits.MaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!JsonContentType.IsAcceptable(request.ContentType))
        {
            return new BodyRead(default, DispatchProblems.Create(request.HttpContext, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"The body must be JSON (application/json or application/*+json, UTF-8); got '{request.ContentType ?? "no content type"}'."));
        }

        if (request.ContentLength > limit)
            return TooLarge(request, limit);

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? ChunkSize, limit) + 1);
        while (true)
        {
            var read = await request.Body.ReadAsync(buffer.GetMemory(ChunkSize), request.HttpContext.RequestAborted);
            if (read == 0)
                return new BodyRead(buffer.WrittenMemory, null);
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                return TooLarge(request, limit);
        }
    }

    private static BodyRead TooLarge(HttpRequest request, int limit) =>
        new(default, DispatchProblems.Create(request.HttpContext, StatusCodes.Status413PayloadTooLarge, "Body too large",
            $"The body exceeds the limit of {limit} bytes."));
}
