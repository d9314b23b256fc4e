using System.Text;
using System.Text.Json;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Http.Json;

namespace AsyncFunctions.Local.Events;

/// <summary>
/// The text/event-stream framing of the event stream: one message per order event (<c>id:</c> the CloudEvent id,
/// <c>event:</c> its type, <c>data:</c> the CloudEvent as JSON on one line), comments to keep idle connections open,
/// and the last message of a dropped stream.
/// </summary>
public static class ServerSentEvents
{
    public const string ContentType = "text/event-stream";

    /// <summary>The type of the last message a client gets when it read too slowly and its stream was ended.</summary>
    public const string DroppedType = "stream-dropped";

    public const string KeepAlive = ": keep-alive\n\n";

    public static string Event(ReceivedEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        // Compact JSON has no line breaks, so the whole event fits in the one data: line.
        return Message(received.Id, received.Type, JsonSerializer.Serialize(OrderEventView.Of(received), DispatchJson.Options));
    }

    public static string Dropped(int capacity, string? lastSentId)
    {
        var detail = new
        {
            reason = "SlowClient",
            description = $"More than {capacity} events were waiting for this client, so the stream was ended rather than let them pile up. "
                + $"Events after {(lastSentId is null ? "the start of the stream" : $"id {lastSentId}")} were not sent: reconnect, and read GET /api/orders/{{orderId}}/events for what was missed.",
            lastSentId,
        };
        return Message(null, DroppedType, JsonSerializer.Serialize(detail, DispatchJson.Options));
    }

    private static string Message(string? id, string type, string data)
    {
        var text = new StringBuilder();
        if (id is not null)
            text.Append("id: ").Append(id).Append('\n');
        return text.Append("event: ").Append(type).Append('\n').Append("data: ").Append(data).Append("\n\n").ToString();
    }
}
