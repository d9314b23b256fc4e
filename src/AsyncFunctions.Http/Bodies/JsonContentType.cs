using Microsoft.Net.Http.Headers;

namespace AsyncFunctions.Http.Bodies;

/// <summary>Which request content types count as JSON: application/json or application/*+json, in UTF-8.</summary>
public static class JsonContentType
{
    public static bool IsAcceptable(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return false;
        if (!parsed.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
            return false;
        var isJson = parsed.SubType.Equals("json", StringComparison.OrdinalIgnoreCase)
            || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
        // The parsers read UTF-8 bytes; any other charset would be misread, not converted.
        var charset = parsed.Charset.Value;
        return isJson && (charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }
}
