using System.Globalization;
using System.Text;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using RabbitMQ.Client;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>Maps the core's messages to AMQP properties and headers and back, so a message looks the same on either broker.</summary>
public static class MessageConverter
{
    /// <summary>Properties of a new message: persistent, MessageId and CorrelationId as AMQP properties, application properties as headers.</summary>
    public static BasicProperties ToProperties(OutboundMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in message.ApplicationProperties)
            headers[name] = ToHeaderValue(value);
        headers[MessageHeaders.SequenceNumber] = SequenceNumbers.Next(now);
        headers[MessageHeaders.EnqueuedAt] = now.ToUnixTimeMilliseconds();
        if (message.ScheduledEnqueueTime is { } due && due > now)
            headers[MessageHeaders.DueAt] = due.ToUnixTimeMilliseconds();
        return new BasicProperties
        {
            MessageId = message.MessageId,
            ContentType = message.ContentType,
            CorrelationId = message.CorrelationId,
            Persistent = true,
            Timestamp = new AmqpTimestamp(now.ToUnixTimeSeconds()),
            Headers = headers,
        };
    }

    /// <summary>A copy of a received message's properties (same id, sequence number, headers) with the given headers set or removed (null).</summary>
    public static BasicProperties CopyOf(IReadOnlyBasicProperties received, IReadOnlyDictionary<string, object?> changes)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentNullException.ThrowIfNull(changes);
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in received.Headers ?? new Dictionary<string, object?>())
        {
            // The broker's own bookkeeping (x-death, x-delivery-count) stays with the copy it was about.
            if (!name.StartsWith("x-", StringComparison.Ordinal))
                headers[name] = value;
        }

        foreach (var (name, value) in changes)
        {
            if (value is null)
                headers.Remove(name);
            else
                headers[name] = value;
        }

        return new BasicProperties
        {
            MessageId = received.MessageId,
            ContentType = received.ContentType,
            CorrelationId = received.CorrelationId,
            Persistent = true,
            Timestamp = received.Timestamp,
            Headers = headers,
        };
    }

    public static InboundMessage ToInbound(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string queue)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var headers = properties.Headers ?? new Dictionary<string, object?>();
        var applicationProperties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            if (!MessageHeaders.IsTransport(name))
                applicationProperties[name] = FromHeaderValue(value);
        }

        var returns = LongOf(headers, MessageHeaders.BrokerDeliveryCount) ?? 0;
        var brokerReason = StringOf(headers, MessageHeaders.BrokerFirstDeathReason);
        var reason = StringOf(headers, MessageHeaders.DeadLetterReason);
        var description = StringOf(headers, MessageHeaders.DeadLetterDescription);
        var source = StringOf(headers, MessageHeaders.DeadLetterSource);
        if (reason is null && brokerReason is not null)
        {
            // The broker dead-lettered it: delivery_limit is Service Bus's MaxDeliveryCountExceeded.
            reason = brokerReason == "delivery_limit" ? DeadLetterReasons.MaxDeliveryCountExceeded : "Broker:" + brokerReason;
            description = brokerReason == "delivery_limit"
                ? "Message could not be consumed within the queue's delivery limit."
                : $"RabbitMQ dead-lettered the message ({brokerReason}).";
            source = StringOf(headers, MessageHeaders.BrokerFirstDeathQueue);
        }

        return new InboundMessage(properties.MessageId ?? "", body)
        {
            ContentType = properties.ContentType,
            CorrelationId = properties.CorrelationId,
            ApplicationProperties = applicationProperties,
            DeliveryCount = (int)Math.Min(int.MaxValue, returns + 1),
            SequenceNumber = LongOf(headers, MessageHeaders.SequenceNumber) ?? 0,
            EnqueuedTime = LongOf(headers, MessageHeaders.EnqueuedAt) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime),
            DeadLetterReason = reason,
            DeadLetterErrorDescription = description,
            DeadLetterSource = source,
        };
    }

    /// <summary>The due time a scheduled message carries, if any.</summary>
    public static DateTimeOffset? DueAt(IReadOnlyBasicProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.Headers is { } headers && LongOf(headers, MessageHeaders.DueAt) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>AMQP field tables carry strings, integers, booleans, decimals and timestamps; anything else travels as invariant text.</summary>
    private static object? ToHeaderValue(object? value) => value switch
    {
        null or string or int or long or short or byte or bool or double or float or decimal => value,
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>The client hands strings back as UTF-8 bytes.</summary>
    private static object? FromHeaderValue(object? value) => value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value;

    private static string? StringOf(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? FromHeaderValue(value)?.ToString() : null;

    private static long? LongOf(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte b => b,
            byte[] text when long.TryParse(Encoding.UTF8.GetString(text), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
}
