using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// How a rescheduled copy carries its history: the copy count read back whatever type the broker hands it in
/// (int, long, string; anything else or a negative count is no copy), a copy of a copy named after the original,
/// the original's properties and correlation kept (null properties dropped, as the broker refuses them).
/// </summary>
public sealed class TransientCopiesChainTests
{
    private static InboundMessage With(params (string Key, object? Value)[] properties) =>
        new("o-1", "{}"u8.ToArray()) { ApplicationProperties = properties.ToDictionary(p => p.Key, p => p.Value) };

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4L, 4)]
    [InlineData("5", 5)]
    [InlineData("five", 0)]
    [InlineData(2.0, 0)]
    [InlineData(-2, 0)]
    [InlineData(long.MaxValue, int.MaxValue)]
    public void CopyOf_CountOfAnyTypeTheBrokerReturns(object value, int copies) =>
        Assert.Equal(copies, TransientCopies.CopyOf(With((TransientCopies.CopyProperty, value))));

    [Fact]
    public void CopyOf_NoCount_NoCopy() => Assert.Equal(0, TransientCopies.CopyOf(With()));

    [Fact]
    public void FirstFailureOf_TicksAsAString_Read() =>
        Assert.Equal(new DateTimeOffset(42, TimeSpan.Zero), TransientCopies.FirstFailureOf(With((TransientCopies.SinceProperty, "42"))));

    [Fact]
    public void FirstFailureOf_Missing_Unknown() => Assert.Null(TransientCopies.FirstFailureOf(With()));

    [Fact]
    public void Next_CopyOfACopy_NamedAfterTheOriginalWithItsPropertiesAndCorrelation()
    {
        var since = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var copy = With(("partner", "acme"), ("empty", null), (TransientCopies.OriginalProperty, "o-1")) with
        {
            MessageId = "o-1~t1",
            CorrelationId = "c-9",
        };

        var next = TransientCopies.Next(copy, 2, since, since.AddSeconds(10));

        Assert.Equal("o-1~t2", next.MessageId);
        Assert.Equal("c-9", next.CorrelationId);
        Assert.Equal(since.AddSeconds(10), next.ScheduledEnqueueTime);
        Assert.Equal("acme", next.ApplicationProperties["partner"]);
        Assert.False(next.ApplicationProperties.ContainsKey("empty"));
        Assert.Equal("o-1", next.ApplicationProperties[TransientCopies.OriginalProperty]);
        Assert.Equal(2, next.ApplicationProperties[TransientCopies.CopyProperty]);
        Assert.Equal(since.UtcTicks, next.ApplicationProperties[TransientCopies.SinceProperty]);
    }

    [Fact]
    public void Next_EmptyOriginalProperty_NamedAfterThisMessage()
    {
        var message = With((TransientCopies.OriginalProperty, ""));

        Assert.Equal("o-1~t1", TransientCopies.Next(message, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).MessageId);
    }
}
