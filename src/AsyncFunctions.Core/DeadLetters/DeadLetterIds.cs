using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.DeadLetters;

/// <summary>
/// Dead-letter record ids: the message's sequence number (kept by Service Bus when it dead-letters),
/// counted down from long.MaxValue, plus a short hash of its MessageId. Deterministic, so a redelivered
/// DLQ message is recorded once; inverted and zero-padded, so a partition query (always ascending by
/// RowKey) lists the newest dead letters first; free of the characters table keys refuse.
/// </summary>
public static class DeadLetterIds
{
    public static string Of(InboundMessage message) =>
        string.Create(CultureInfo.InvariantCulture, $"{long.MaxValue - message.SequenceNumber:D19}-{ShortHash(message.MessageId)}");

    public static string ReplayMessageId(string deadLetterId) => $"replay:{deadLetterId}";

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
}
