using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Assignment;

/// <summary>
/// Who holds a claim: the message, by MessageId and SequenceNumber. Both stay the same across
/// redeliveries of one message, so a redelivery after a crash may take its own claim back at once,
/// while a duplicate copy (another sequence number) waits for the lease.
/// </summary>
public static class ClaimToken
{
    public static string Of(InboundMessage message) => $"{message.MessageId}#{message.SequenceNumber}";
}
