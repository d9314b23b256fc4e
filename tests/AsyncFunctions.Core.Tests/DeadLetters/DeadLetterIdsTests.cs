using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Tests.DeadLetters;

/// <summary>
/// Dead-letter ids are stored keys: a redelivered dead letter must map to the record written for it by any
/// earlier version, so the layout is pinned literally (long.MaxValue minus the sequence number in 19 digits, a
/// dash, the first 4 bytes of the MessageId's SHA-256 in lower-case hex), and the newest sorts first.
/// </summary>
public sealed class DeadLetterIdsTests
{
    [Fact]
    public void Of_SequenceAndMessageId_InvertedPaddedSequenceAndShortHash() =>
        Assert.Equal("9223372036854775800-a461b472", DeadLetterIds.Of(new InboundMessage("m-1", ReadOnlyMemory<byte>.Empty) { SequenceNumber = 7 }));

    [Fact]
    public void Of_LargeSequence_ZeroPaddedTo19Digits() =>
        Assert.Equal("0000000000000000007-8ae2a410", DeadLetterIds.Of(new InboundMessage("m-2", ReadOnlyMemory<byte>.Empty) { SequenceNumber = long.MaxValue - 7 }));

    [Fact]
    public void Of_NewerMessage_SortsFirst() =>
        Assert.True(string.CompareOrdinal(
            DeadLetterIds.Of(new InboundMessage("m-1", ReadOnlyMemory<byte>.Empty) { SequenceNumber = 100 }),
            DeadLetterIds.Of(new InboundMessage("m-1", ReadOnlyMemory<byte>.Empty) { SequenceNumber = 99 })) < 0);

    [Fact]
    public void ReplayMessageId_PrefixedReplay() =>
        Assert.Equal("replay:9223372036854775800-a461b472", DeadLetterIds.ReplayMessageId("9223372036854775800-a461b472"));
}
