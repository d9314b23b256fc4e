using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Handlers;

/// <summary>The correlation id an order carries onto the bus: X-Correlation-Id if the client set one, else its W3C traceparent.</summary>
public static class RequestCorrelation
{
    public const string CorrelationHeader = "X-Correlation-Id";
    public const string TraceParentHeader = "traceparent";

    // Service Bus refuses a CorrelationId longer than 128 characters.
    private const int MaxLength = 128;

    public static string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var header in new[] { CorrelationHeader, TraceParentHeader })
        {
            var value = request.Headers[header].ToString().Trim();
            if (value.Length is > 0 and <= MaxLength)
                return value;
        }

        return null;
    }
}
