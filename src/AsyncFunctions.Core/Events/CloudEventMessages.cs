using System.Globalization;
using System.Text;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// The CloudEvents 1.0 AMQP binding, binary content mode, as Service Bus carries it: every attribute is an
/// application property named <c>cloudEvents:{attribute}</c>, <c>datacontenttype</c> is the message's content
/// type and the body is the event's data (JSON). Binary rather than structured because Service Bus filters and
/// rules see only properties, never the body: in binary mode a subscription can filter on type or subject as
/// well as on the partner, and a consumer without a CloudEvents SDK just reads JSON. The plain <c>source</c>
/// property (the partner, as on the order messages partners send) is not a CloudEvents attribute; the partner
/// subscriptions' SQL filter matches it.
/// </summary>
public static class CloudEventMessages
{
    public const string SpecVersion = "1.0";

    /// <summary>This system, as the CloudEvents <c>source</c> (a URI reference).</summary>
    public const string Source = "/asyncfunctions/dispatch";

    public const string PropertyPrefix = "cloudEvents:";

    public const string ContentType = "application/json";

    /// <summary>The CloudEvents sequence extension: a string whose lexical order is the order of events in its stream.</summary>
    public const string SequenceAttribute = "sequence";

    /// <summary>The plain application property the partner subscriptions filter on.</summary>
    public const string PartnerProperty = MessageProperties.Source;

    public static OutboundMessage ToMessage(OrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        return new OutboundMessage(orderEvent.Id, Encoding.UTF8.GetBytes(orderEvent.Data))
        {
            ContentType = ContentType,
            ApplicationProperties = new Dictionary<string, object>
            {
                [Attribute("specversion")] = SpecVersion,
                [Attribute("id")] = orderEvent.Id,
                [Attribute("source")] = Source,
                [Attribute("type")] = orderEvent.Type,
                [Attribute("subject")] = orderEvent.Subject,
                // An AMQP timestamp, as the binding maps the Timestamp type.
                [Attribute("time")] = orderEvent.Time,
                [Attribute(SequenceAttribute)] = EventKeys.Number(orderEvent.Sequence),
                [PartnerProperty] = orderEvent.Partner,
            },
        };
    }

    /// <summary>Reads an event back from a received message's properties and body (tests, the local host's views, consumers).</summary>
    public static ReceivedEvent Read(IReadOnlyDictionary<string, object?> properties, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(properties);
        string Text(string name) => properties.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" : "";
        var time = properties.TryGetValue(Attribute("time"), out var at) ? at switch
        {
            DateTimeOffset offset => offset,
            DateTime dateTime => new DateTimeOffset(dateTime.ToUniversalTime()),
            _ => default,
        } : default;
        return new ReceivedEvent(
            Text(Attribute("specversion")), Text(Attribute("id")), Text(Attribute("source")), Text(Attribute("type")),
            Text(Attribute("subject")), time, int.Parse(Text(Attribute(SequenceAttribute)), NumberStyles.None, CultureInfo.InvariantCulture),
            Text(PartnerProperty), Encoding.UTF8.GetString(body.Span));
    }

    public static string Attribute(string name) => PropertyPrefix + name;
}
