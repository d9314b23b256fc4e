using System.Globalization;
using System.Text.Json;
using AsyncFunctions.Core.Events;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>Reads a <see cref="FollowedEvent"/> from either form an order event travels in (docs/events.md).</summary>
public static class FollowedEvents
{
    /// <summary>The CloudEvent in the JSON format, as GET /api/events/stream sends it in each message's data.</summary>
    public static FollowedEvent FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new FollowedEvent(
            Text(root, "id"),
            Text(root, "type"),
            Text(root, "subject"),
            int.Parse(Text(root, "sequence"), NumberStyles.None, CultureInfo.InvariantCulture),
            root.GetProperty("time").GetDateTimeOffset(),
            root.TryGetProperty("data", out var data) ? Status(data) : null);
    }

    /// <summary>The AMQP binding in binary mode, as the order-events topic carries it: attributes as cloudEvents: properties, data in the body.</summary>
    public static FollowedEvent FromReceived(ReceivedEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        using var data = JsonDocument.Parse(received.Data);
        return new FollowedEvent(received.Id, received.Type, received.Subject, received.Sequence, received.Time, Status(data.RootElement));
    }

    private static string Text(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new JsonException($"The event's {name} is null.");

    private static string? Status(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("status", out var status) ? status.GetString() : null;
}
