using System.Text.Json;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// One event of an order's history as the API shows it: the CloudEvents attributes in the JSON event format's
/// names (specversion, id, source, type, subject, time, sequence, datacontenttype, data), plus the partner.
/// </summary>
public sealed record OrderEventView(
    string SpecVersion,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    string Sequence,
    string Partner,
    string DataContentType,
    JsonElement Data)
{
    public static OrderEventView Of(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        using var data = JsonDocument.Parse(orderEvent.Data);
        return new(CloudEventMessages.SpecVersion, orderEvent.Id, CloudEventMessages.Source, orderEvent.Type, orderEvent.Subject,
            orderEvent.Time, EventKeys.Number(orderEvent.Sequence), orderEvent.Partner, CloudEventMessages.ContentType, data.RootElement.Clone());
    }
}
