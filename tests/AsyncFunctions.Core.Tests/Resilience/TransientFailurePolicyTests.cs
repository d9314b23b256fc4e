using AsyncFunctions.Core.Handling;
using System.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Tests.Support;
using Moq;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// A dependency that stays down: the message is rescheduled as a delayed copy (never a burnt delivery),
/// dead-lettered only after the give-up time, and abandoned only after a hold when nothing can be scheduled.
/// </summary>
public sealed class TransientFailurePolicyTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static InboundMessage CopyOf(OutboundMessage sent, long sequenceNumber) =>
        new(sent.MessageId, sent.Body)
        {
            ContentType = sent.ContentType,
            CorrelationId = sent.CorrelationId,
            ApplicationProperties = sent.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value),
            SequenceNumber = sequenceNumber,
        };

    [Fact]
    public async Task ProcessAsync_StorageDown_ReschedulesADelayedCopyCarryingTheCountAndCompletes()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.Down = true;

        var (outcome, settlement) = await _h.ProcessAsync(message);

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Completed, "the current copy is completed, so its delivery count is not burnt");
        Assert.Equal("o-1~t1", retry.Next.MessageId);
        Assert.Equal(1, retry.Next.ApplicationProperties[TransientCopies.CopyProperty]);
        Assert.Equal(_h.Clock.GetUtcNow().UtcTicks, retry.Next.ApplicationProperties[TransientCopies.SinceProperty]);
        Assert.Equal(0, retry.Next.ApplicationProperties[MessageProperties.Attempt]);
        Assert.Equal(message.Body.ToArray(), retry.Next.Body.ToArray());
        var delay = retry.Next.ScheduledEnqueueTime!.Value - _h.Clock.GetUtcNow();
        Assert.InRange(delay, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));
        Assert.Equal(1, _h.Queue.Counts().Scheduled);

        // Storage is back when the copy is due: it is assigned like the original would have been.
        _h.Faults.Down = false;
        _h.Clock.Advance(TimeSpan.FromSeconds(6));
        var copy = Assert.Single(await _h.DrainAsync());
        Assert.Equal(1, copy.DeliveryCount);
        var (done, _) = await _h.ProcessAsync(copy);
        Assert.IsType<MessageOutcome.Complete>(done);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task ProcessAsync_CopyFailsAgain_TheNextCopyWaitsLongerAndKeepsTheFirstFailureTime()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.Down = true;
        var first = Assert.IsType<MessageOutcome.RetryLater>((await _h.ProcessAsync(message)).Outcome);
        var since = first.Next.ApplicationProperties[TransientCopies.SinceProperty];
        _h.Clock.Advance(TimeSpan.FromSeconds(6));

        var (outcome, _) = await _h.ProcessAsync(CopyOf(first.Next, 2));

        var second = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.Equal("o-1~t2", second.Next.MessageId);
        Assert.Equal(2, second.Next.ApplicationProperties[TransientCopies.CopyProperty]);
        Assert.Equal(since, second.Next.ApplicationProperties[TransientCopies.SinceProperty]);
        Assert.InRange(second.Next.ScheduledEnqueueTime!.Value - _h.Clock.GetUtcNow(), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public async Task ProcessAsync_FailingForTheWholeGiveUpTime_DeadLettersWithAReasonNamingStorage()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.Down = true;
        var first = Assert.IsType<MessageOutcome.RetryLater>((await _h.ProcessAsync(message)).Outcome);
        _h.Clock.Advance(TimeSpan.FromHours(1));

        var (outcome, settlement) = await _h.ProcessAsync(CopyOf(first.Next, 2));

        var dead = Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.True(settlement.DeadLettered);
        Assert.Equal("StorageUnavailable", dead.Reason);
        Assert.StartsWith("table storage kept failing for 3600 s", dead.Description, StringComparison.Ordinal);
        Assert.Contains("Injected outage", dead.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_StorageCircuitOpen_ReschedulesWithoutTouchingStorage()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Resilience:BreakerMinimumThroughput"] = "2" });
        var message = await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;
        await h.ProcessAsync(message);
        Assert.True(h.Get<DependencyCircuits>().Storage.IsBlocking);
        var calls = h.Faults.Calls;

        var (outcome, settlement) = await h.ProcessAsync(message with { SequenceNumber = 77 });

        Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal(calls, h.Faults.Calls);
    }

    [Fact]
    public async Task ProcessAsync_StorageAndBusDown_HoldsTheMessageThenAbandonsIt()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("bus unreachable"));
        using var h = new DispatchHarness(publisher.Object, new Dictionary<string, string?> { ["Resilience:AbandonDelay"] = "00:00:00.300" });
        await h.SubmitAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;
        var clock = Stopwatch.StartNew();

        var (outcome, settlement) = await h.ProcessAsync(new InboundMessage("o-1", OrderBodies.Order("o-1").Bytes()) { SequenceNumber = 1 });

        // The copy could not be scheduled: the message goes back, but only after the hold, so no hot loop.
        Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Abandoned);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"abandoned after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ProcessAsync_BusCircuitOpen_HoldsAndAbandonsWithoutTryingToSchedule()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("bus unreachable"));
        using var h = new DispatchHarness(publisher.Object, new Dictionary<string, string?>
        {
            ["Resilience:BreakerMinimumThroughput"] = "2",
            ["Resilience:AbandonDelay"] = "00:00:00.200",
        });
        await h.SubmitAsync(OrderBodies.Order("o-1"));
        await h.SubmitAsync(OrderBodies.Order("o-2"));
        Assert.True(h.Get<DependencyCircuits>().Bus.IsBlocking);
        publisher.Invocations.Clear();
        h.Faults.Down = true;
        var clock = Stopwatch.StartNew();

        var (outcome, settlement) = await h.ProcessAsync(new InboundMessage("o-1", OrderBodies.Order("o-1").Bytes()) { SequenceNumber = 1 });

        Assert.IsType<MessageOutcome.Abandon>(outcome);
        Assert.True(settlement.Abandoned);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(190), $"abandoned after {clock.Elapsed.TotalMilliseconds} ms");
        publisher.Verify(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ProcessAsync_NonTransientFailure_AbandonsSoTheDeliveryCountCatchesAPoisonMessage()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.FailOnce("get", fault: new InvalidOperationException("a bug"));

        var (outcome, settlement) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Abandon>(outcome);
        Assert.True(settlement.Abandoned);
        Assert.Equal(0, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public void MessageIdOf_LongOriginal_StaysWithinServiceBusLimitAndDistinct()
    {
        var a = TransientCopies.MessageIdOf(new string('a', 128), 3);
        var b = TransientCopies.MessageIdOf(new string('a', 127) + "b", 3);

        Assert.True(a.Length <= 128);
        Assert.NotEqual(a, b);
        Assert.EndsWith("~t3", a, StringComparison.Ordinal);
    }
}
