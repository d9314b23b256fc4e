using System.Globalization;
using System.Text;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Messaging;

/// <summary>
/// Builds every order message the system sends. The first carries MessageId = orderId; every later
/// copy gets a MessageId of its own, deterministic for its purpose, because the broker's duplicate
/// detection would silently drop a reused one, while repeats of the same purpose should be dropped.
/// </summary>
public static class OrderMessages
{
    public const string Intake = "intake";
    public const string Retry = "retry";
    public const string Schedule = "schedule";
    public const string Recheck = "recheck";
    public const string Sweep = "sweep";
    public const string Wake = "wake";
    public const string Replay = "replay";

    /// <summary>Sent for an accepted order when a conflicting copy of its id may have shadowed its intake message.</summary>
    public const string HandOn = "handon";

    /// <summary>A conflicting copy checked once more, because the id's owner was only half accepted when it came.</summary>
    public const string ConflictRecheck = "conflict-recheck";

    /// <summary>
    /// The session of a replayed message whose body names no zone (it did not parse): a session-enabled queue refuses a
    /// message without one, and such a message only goes back to the dead-letter queue with its reason.
    /// </summary>
    public const string UnzonedSession = "no-zone";

    /// <summary>The first message of an order, scheduled when it is not due yet.</summary>
    public static OutboundMessage First(OrderRecord order, DateTimeOffset now) =>
        Build(order, order.OrderId, Intake, order.NextAttemptAt > now ? order.NextAttemptAt : null);

    /// <summary>A follow-up copy; <paramref name="discriminator"/> makes the MessageId unique per purpose and occasion.</summary>
    public static OutboundMessage FollowUp(OrderRecord order, string reason, string discriminator, DateTimeOffset? dueAt) =>
        Build(order, $"{order.OrderId}:{reason}:{discriminator}", reason, dueAt);

    /// <summary>
    /// A conflicting copy sent back to itself once, for when the order id's owner is half accepted (see OrderAssigner).
    /// Keyed by the order id and the copy's sequence number, not its MessageId, so it stays within Service Bus's 128
    /// characters; redeliveries of one copy collapse into one recheck, while two different copies get one each.
    /// </summary>
    public static OutboundMessage ConflictRecheckOf(InboundMessage message, string orderId, DateTimeOffset dueAt) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{orderId}:{ConflictRecheck}:{message.SequenceNumber}"), message.Body)
        {
            ContentType = message.ContentType ?? "application/json",
            CorrelationId = message.CorrelationId,
            SessionId = message.SessionId,
            ScheduledEnqueueTime = dueAt,
            ApplicationProperties = new Dictionary<string, object>
            {
                [MessageProperties.Source] = SourceOf(message),
                [MessageProperties.Reason] = ConflictRecheck,
                [MessageProperties.OrderId] = orderId,
            },
        };

    public static bool IsConflictRecheck(InboundMessage message) =>
        message.ApplicationProperties.TryGetValue(MessageProperties.Reason, out var reason) && reason is ConflictRecheck;

    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString(CultureInfo.InvariantCulture);

    private static OutboundMessage Build(OrderRecord order, string messageId, string reason, DateTimeOffset? dueAt) =>
        new(messageId, Encoding.UTF8.GetBytes(order.Payload))
        {
            CorrelationId = order.CorrelationId ?? order.OrderId,
            SessionId = order.Zone,
            ScheduledEnqueueTime = dueAt,
            ApplicationProperties = WithTrace(order, new Dictionary<string, object>
            {
                [MessageProperties.Source] = order.Source,
                [MessageProperties.Attempt] = order.Attempts,
                [MessageProperties.Reason] = reason,
                [MessageProperties.OrderId] = order.OrderId,
            }),
        };

    /// <summary>
    /// Adds the order's own trace context, so every later copy (retry, sweep, wake, replay) continues the trace
    /// the order started in; the tracing publisher replaces it with its producer span's context.
    /// </summary>
    public static Dictionary<string, object> WithTrace(OrderRecord? order, Dictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (order?.TraceParent is { } traceParent)
            properties[TraceContextProperties.TraceParent] = traceParent;
        return properties;
    }

    /// <summary>The order a message is about: its orderId property, else its MessageId (a partner's is the order id).</summary>
    public static string OrderIdOf<TValue>(string messageId, IReadOnlyDictionary<string, TValue> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        return properties.TryGetValue(MessageProperties.OrderId, out var value) && value is string { Length: > 0 } orderId ? orderId : messageId;
    }

    /// <summary>The retry generation a received message belongs to (0 for first and partner messages).</summary>
    public static int AttemptOf(InboundMessage message) =>
        message.ApplicationProperties.TryGetValue(MessageProperties.Attempt, out var value) ? value switch
        {
            int i => i,
            long l => (int)l,
            string s when int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => 0,
        } : 0;

    public static string SourceOf(InboundMessage message) =>
        message.ApplicationProperties.TryGetValue(MessageProperties.Source, out var value) && value is string { Length: > 0 and <= 64 } source
            ? source
            : "partner";
}
