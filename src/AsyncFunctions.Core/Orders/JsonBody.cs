using System.Diagnostics.CodeAnalysis;
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

    /// <summary>Parses the body, or says why the bytes are not acceptable JSON.</summary>
    /// <returns>True with <paramref name="document"/> set (the caller disposes it), or false with <paramref name="malformedReason"/> set.</returns>
    public static bool TryParse(
        ReadOnlyMemory<byte> body,
        [NotNullWhen(true)] out JsonDocument? document,
        [NotNullWhen(false)] out string? malformedReason)
    {
        document = null;
        malformedReason = Refusal(body.Length);
        if (malformedReason is not null)
            return false;

        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body, Options);
        }
        catch (JsonException ex)
        {
            malformedReason = $"The body is not valid JSON: {ex.Message}";
            return false;
        }

        // The parser checks structure but decodes strings only when read: invalid UTF-8 or a lone
        // surrogate escape would otherwise surface later as an exception (a 500), not as a refusal.
        if (!HasReadableText(parsed.RootElement))
        {
            parsed.Dispose();
            malformedReason = "The body contains a string that is not valid UTF-8 text (invalid bytes or a lone surrogate escape).";
            return false;
        }

        document = parsed;
        return true;
    }

    private static string? Refusal(int length) => length switch
    {
        0 => "The body is empty; a JSON object is required.",
        > OrderLimits.MaxBodyBytes => $"The body is {length} bytes; the limit is {OrderLimits.MaxBodyBytes}.",
        _ => null,
    };

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
