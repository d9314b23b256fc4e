using System.Text.Json;
using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>Best effort: the orderId of an invalid body, so an operator can tell which order a dead letter was about.</summary>
internal static class OrderIdGuess
{
    public static string? From(ReadOnlyMemory<byte> body)
    {
        using var document = JsonBody.TryParse(body, out _);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root
            || !root.TryGetProperty("orderId", out var id) || id.ValueKind != JsonValueKind.String)
            return null;
        var text = id.GetString()!;
        return text.Length <= OrderLimits.MaxIdLength && OrderParser.IdPattern().IsMatch(text) ? text : null;
    }
}
