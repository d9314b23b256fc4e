using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Messaging;

/// <summary>
/// Every message to the orders queue names its order's zone as its session, so a session-enabled queue hands a zone
/// to one receiver at a time (docs/performance.md); copies keep the session of what they copy.
/// </summary>
public sealed class ZoneSessionTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Intake_FirstMessage_SessionIsTheOrdersZone()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1", zone: "zone-b"));

        Assert.Equal("zone-b", message.SessionId);
    }

    [Fact]
    public async Task NoDriverFree_RetryMessage_SessionIsTheOrdersZone()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1", zone: "zone-b"));

        await _h.ProcessAsync(message);
        _h.Clock.Advance(TimeSpan.FromHours(1));

        var retry = Assert.Single(await _h.DrainAsync());
        Assert.Equal(OrderMessages.Retry, retry.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal("zone-b", retry.SessionId);
    }

    [Fact]
    public async Task Replay_OfADeadLetteredOrder_SessionIsTheOrdersZone()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1", zone: "zone-b"));
        var dead = original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test" };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);

        await _h.Replayer.ReplayAsync(DeadLetterIds.Of(dead), CancellationToken.None);

        Assert.Equal("zone-b", Assert.Single(await _h.DrainAsync()).SessionId);
    }

    [Fact]
    public async Task Replay_OfABodyThatNamesNoZone_GoesToTheUnzonedSession()
    {
        var dead = new InboundMessage("m-1", OrderBodies.Raw("{not json"))
        {
            DeadLetterReason = DeadLetterReasons.MalformedMessage,
            DeadLetterErrorDescription = "test",
            SequenceNumber = 5,
        };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);

        await _h.Replayer.ReplayAsync(DeadLetterIds.Of(dead), CancellationToken.None);

        Assert.Equal(OrderMessages.UnzonedSession, Assert.Single(await _h.DrainAsync()).SessionId);
    }

    [Fact]
    public void TransientCopy_KeepsTheSessionOfTheMessageItCopies()
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray()) { SessionId = "zone-b" };

        Assert.Equal("zone-b", TransientCopies.Next(message, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).SessionId);
    }

    [Fact]
    public void ConflictRecheck_KeepsTheSessionOfTheMessageItChecksAgain()
    {
        var message = new InboundMessage("o-1", "{}"u8.ToArray()) { SessionId = "zone-b", SequenceNumber = 9 };

        Assert.Equal("zone-b", OrderMessages.ConflictRecheckOf(message, "o-1", DateTimeOffset.UnixEpoch).SessionId);
    }

    [Fact]
    public async Task MessageInAnotherZonesSession_IsServedAndCounted()
    {
        await _h.AddDriverAsync("d-1");
        using var recorded = new MeterRecorder(_h.Get<DispatchMetrics>().Meter);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));

        var (outcome, _) = await _h.ProcessAsync(message with { SessionId = "zone-z" });

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal("d-1", (await _h.OrderAsync("o-1"))!.DriverId);
        Assert.Equal(1, recorded[$"{DispatchMetrics.SessionMismatchesInstrument} source=http"]);
    }

    [Theory]
    [InlineData(OrderBodies.Zone)]
    [InlineData(null)]
    public async Task MessageInItsZonesSessionOrWithoutSessions_IsNotCounted(string? session)
    {
        await _h.AddDriverAsync("d-1");
        using var recorded = new MeterRecorder(_h.Get<DispatchMetrics>().Meter);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));

        await _h.ProcessAsync(message with { SessionId = session });

        Assert.Equal(0, recorded[$"{DispatchMetrics.SessionMismatchesInstrument} source=http"]);
    }
}
