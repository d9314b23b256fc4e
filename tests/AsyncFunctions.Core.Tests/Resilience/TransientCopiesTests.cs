using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// The delayed copy of a transiently failing message: its id fits Service Bus's 128 characters exactly
/// up to the limit, a copy without a content type is still JSON, and a nonsense first-failure time is ignored.
/// </summary>
public sealed class TransientCopiesTests
{
    [Fact]
    public void MessageIdOf_OriginalThatFitsExactlyWithTheSuffix_KeptReadable()
    {
        var original = new string('a', 128 - "~t3".Length);

        Assert.Equal(original + "~t3", TransientCopies.MessageIdOf(original, 3));
    }

    [Fact]
    public void MessageIdOf_OneCharacterTooLong_PrefixHashAndSuffix()
    {
        var original = new string('a', 129 - "~t3".Length);

        var id = TransientCopies.MessageIdOf(original, 3);

        Assert.Equal(40 + 1 + 40 + 3, id.Length);
        Assert.Matches("^a{40}~[0-9A-F]{40}~t3$", id);
    }

    [Fact]
    public void Next_OriginalWithoutContentType_CopyIsMarkedJson()
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray()) { ContentType = null };
        var due = DateTimeOffset.UnixEpoch.AddDays(1);

        var copy = TransientCopies.Next(message, 1, DateTimeOffset.UnixEpoch, due);

        Assert.Equal("application/json", copy.ContentType);
        Assert.Equal("o-1~t1", copy.MessageId);
        Assert.Equal(due, copy.ScheduledEnqueueTime);
    }

    [Fact]
    public void Next_OriginalWithItsContentType_CopyKeepsIt()
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray()) { ContentType = "application/vnd.acme+json" };

        Assert.Equal("application/vnd.acme+json", TransientCopies.Next(message, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).ContentType);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public void FirstFailureOf_TicksOutsideTheCalendar_IsUnknown(long ticks)
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray())
        {
            ApplicationProperties = new Dictionary<string, object?> { [TransientCopies.SinceProperty] = ticks },
        };

        Assert.Null(TransientCopies.FirstFailureOf(message));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(3155378975999999999L)] // DateTimeOffset.MaxValue.UtcTicks
    public void FirstFailureOf_TheFirstAndLastTickOfTheCalendar_AreKept(long ticks)
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray())
        {
            ApplicationProperties = new Dictionary<string, object?> { [TransientCopies.SinceProperty] = ticks },
        };

        Assert.Equal(new DateTimeOffset(ticks, TimeSpan.Zero), TransientCopies.FirstFailureOf(message));
    }
}
