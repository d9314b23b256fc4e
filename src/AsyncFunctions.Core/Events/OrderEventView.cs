using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// One event of an order's history as the API shows it: the CloudEvents attributes in the JSON event format's
/// names (specversion, id, source, type, subject, time, sequence, datacontenttype, data), plus the partner. The two
/// names in more than one word are pinned: the format spells them in lower case, the API's camelCase policy would not.
/// </summary>
public sealed record OrderEventView(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    string Sequence,
    string Partner,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    JsonElement Data)
{
    public static OrderEventView Of(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        using var data = JsonDocument.Parse(orderEvent.Data);
        return new(CloudEventMessages.SpecVersion, orderEvent.Id, CloudEventMessages.Source, orderEvent.Type, orderEvent.Subject,
            orderEvent.Time, EventKeys.Number(orderEvent.Sequence), orderEvent.Partner, CloudEventMessages.ContentType, data.RootElement.Clone());
    }

    /// <summary>The same view of an event read off a subscription (the local host's event stream).</summary>
    public static OrderEventView Of(ReceivedEvent received)
    {
        ArgumentNullException.ThrowIfNull(received);
        using var data = JsonDocument.Parse(received.Data);
        return new(received.SpecVersion, received.Id, received.Source, received.Type, received.Subject,
            received.Time, EventKeys.Number(received.Sequence), received.Partner, CloudEventMessages.ContentType, data.RootElement.Clone());
    }
}
