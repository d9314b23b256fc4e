using System.Text.Json;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>Best effort: the orderId of an invalid body, so an operator can tell which order a dead letter was about.</summary>
internal static class OrderIdGuess
{
    public static string? From(ReadOnlyMemory<byte> body)
    {
        if (!JsonBody.TryParse(body, out var document, out _))
            return null;
        using var parsed = document;
        if (parsed.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("orderId", out var id) || id.ValueKind != JsonValueKind.String)
            return null;
        var text = id.GetString()!;
        return text.Length <= OrderLimits.MaxIdLength && OrderParser.IdPattern().IsMatch(text) ? text : null;
    }
}
