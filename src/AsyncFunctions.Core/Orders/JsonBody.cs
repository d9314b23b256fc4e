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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            malformedReason = $"The body is not valid JSON: {ex.Message}";
            return null;
        }

        // The parser checks structure but decodes strings only when read: invalid UTF-8 or a lone
        // surrogate escape would otherwise surface later as an exception (a 500), not as a refusal.
        if (!HasReadableText(document.RootElement))
        {
            document.Dispose();
            malformedReason = "The body contains a string that is not valid UTF-8 text (invalid bytes or a lone surrogate escape).";
            return null;
        }

        return document;
    }

    private static bool HasReadableText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    _ = element.GetString();
                    return true;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name; // decoding the name is the check
                        if (!HasReadableText(property.Value))
                            return false;
                    }

                    return true;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (!HasReadableText(item))
                            return false;
                    }

                    return true;
                default:
                    return true;
            }
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
