using System.Text.Json;

namespace AsyncFunctions.Core.Orders;

/// <summary>Strict JSON parsing shared by every body the system accepts.</summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = OrderLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        // A repeated field would be a silent merge of two values: refuse it.
        AllowDuplicateProperties = false,
    };

    /// <summary>Parses, or returns why the bytes are not acceptable JSON.</summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> body, out string? malformedReason)
    {
        malformedReason = null;
        if (body.Length == 0)
        {
            malformedReason = "The body is empty; a JSON object is required.";
            return null;
        }

        if (body.Length > OrderLimits.MaxBodyBytes)
        {
            malformedReason = $"The body is {body.Length} bytes; the limit is {OrderLimits.MaxBodyBytes}.";
            return null;
        }

        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            malformedReason = $"The body is not valid JSON: {ex.Message}";
            return null;
        }
    }
}
