using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// The delayed copy a message is rescheduled as while a dependency is down: same body and properties
/// (so its retry generation and trace go on), plus how many copies came before it and when the
/// failures began, which is what the give-up time is measured from. The delivery count starts again
/// at 1, which is the point: an outage is not a poison message.
/// </summary>
public static class TransientCopies
{
    /// <summary>Reschedules of this message so far (0 for an original).</summary>
    public const string CopyProperty = "transientCopy";

    /// <summary>UTC ticks of the first transient failure of this message.</summary>
    public const string SinceProperty = "transientSince";

    /// <summary>The MessageId of the original, so every copy's id derives from it and not from the previous copy's.</summary>
    public const string OriginalProperty = "transientOf";

    private const int MaxMessageIdLength = 128;

    public static int CopyOf(InboundMessage message) => (int)Math.Clamp(Read(message, CopyProperty) ?? 0, 0, int.MaxValue);

    public static DateTimeOffset? FirstFailureOf(InboundMessage message) =>
        Read(message, SinceProperty) is { } ticks && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    public static OutboundMessage Next(InboundMessage message, int copy, DateTimeOffset since, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(message);
        var original = message.ApplicationProperties.TryGetValue(OriginalProperty, out var value) && value is string { Length: > 0 } id
            ? id
            : message.MessageId;
        var properties = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (key, property) in message.ApplicationProperties)
        {
            if (property is not null)
                properties[key] = property;
        }

        properties[CopyProperty] = copy;
        properties[SinceProperty] = since.UtcTicks;
        properties[OriginalProperty] = original;
        return new OutboundMessage(MessageIdOf(original, copy), message.Body)
        {
            ContentType = message.ContentType ?? "application/json",
            CorrelationId = message.CorrelationId,
            SessionId = message.SessionId,
            ApplicationProperties = properties,
            ScheduledEnqueueTime = due,
        };
    }

    /// <summary>
    /// Deterministic per original and copy number: two deliveries of one message rescheduling the same copy
    /// are one message to the broker's duplicate detection. Long ids are hashed to stay within 128 characters.
    /// </summary>
    public static string MessageIdOf(string original, int copy)
    {
        var suffix = string.Create(CultureInfo.InvariantCulture, $"~t{copy}");
        if (original.Length + suffix.Length <= MaxMessageIdLength)
            return original + suffix;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(original)));
        return string.Concat(original.AsSpan(0, 40), "~", hash.AsSpan(0, 40), suffix);
    }

    private static long? Read(InboundMessage message, string name) =>
        message.ApplicationProperties.TryGetValue(name, out var value) ? value switch
        {
            int i => i,
            long l => l,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
}
