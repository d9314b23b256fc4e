using System.Net.Http.Headers;
using System.Text.Json;

namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>What a refusal must look like: a 4xx, application/problem+json, a title and status, and per-field errors when fields were wrong.</summary>
public static class ProblemCheck
{
    /// <summary>Null when the response is a proper refusal; otherwise what is wrong with it.</summary>
    public static async Task<string?> FindFaultAsync(HttpResponseMessage response, IReadOnlyCollection<int> expectedStatuses, bool expectErrors)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (!expectedStatuses.Contains(status))
            return $"status {status}, expected {string.Join("/", expectedStatuses)}: {Shorten(text)}";
        if (response.Content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: "application/problem+json" })
            return $"content type {response.Content.Headers.ContentType}, expected application/problem+json";
        try
        {
            using var problem = JsonDocument.Parse(text);
            var root = problem.RootElement;
            if (!root.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString()))
                return "problem without a title";
            if (!root.TryGetProperty("status", out var s) || s.GetInt32() != status)
                return "problem whose status differs from the response's";
            if (expectErrors && (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object || !errors.EnumerateObject().Any()))
                return $"field problem without errors: {Shorten(text)}";
        }
        catch (JsonException ex)
        {
            return $"problem body is not JSON ({ex.Message})";
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
