using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.DeadLetters;

public sealed class DeadLetterReplayerTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    /// <summary>An accepted order whose message went to the dead-letter queue and was recorded.</summary>
    private async Task<(string Id, InboundMessage Original)> DeadLetteredOrderAsync()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        var dead = original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test", DeliveryCount = 3 };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
        return (DeadLetterIds.Of(dead), original);
    }

    [Fact]
    public async Task ReplayAsync_RecordedDeadLetter_SendsStoredBodyUnderReplayId()
    {
        var (id, original) = await DeadLetteredOrderAsync();

        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Accepted, result.Kind);
        Assert.Equal(_h.Clock.GetUtcNow(), result.Value!.ReplayedAt);
        var replayed = Assert.Single(await _h.DrainAsync());
        Assert.Equal($"replay:{id}", replayed.MessageId);
        Assert.Equal(original.Body.ToArray(), replayed.Body.ToArray());
        Assert.Equal(id, replayed.ApplicationProperties[MessageProperties.ReplayOf]);
        Assert.Equal(original.CorrelationId, replayed.CorrelationId);
    }

    [Fact]
    public async Task ReplayAsync_DeadLetteredOrder_RevivesItToNeedsAssignment()
    {
        var (id, _) = await DeadLetteredOrderAsync();

        await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.NeedsAssignment, order!.Status);
        Assert.Null(order.LastError);
        Assert.Null(order.AwaitingSince);
        Assert.Equal(_h.Clock.GetUtcNow(), order.NextAttemptAt);
    }

    [Fact]
    public async Task ReplayAsync_ReplayedMessageProcessed_OrderAssigned()
    {
        var (id, _) = await DeadLetteredOrderAsync();
        await _h.AddDriverAsync("d-1");
        await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        var (outcome, _) = await _h.ProcessAsync(Assert.Single(await _h.DrainAsync()));

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task ReplayAsync_Twice_SendsOnlyOnce()
    {
        var (id, _) = await DeadLetteredOrderAsync();
        await _h.Replayer.ReplayAsync(id, CancellationToken.None);
        Assert.Single(await _h.DrainAsync());
        var revived = await _h.OrderAsync("o-1");

        var again = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Accepted, again.Kind);
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.Counts());
        Assert.Equal(revived, await _h.OrderAsync("o-1"));
    }

    [Theory]
    [InlineData("0000000000000000042-deadbeef")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task ReplayAsync_UnknownId_NotFound(string id)
    {
        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.NotFound, result.Kind);
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.Counts());
    }

    [Fact]
    public async Task ListAsync_SeveralRecords_NewestFirstWithTake()
    {
        var messages = new List<InboundMessage>();
        foreach (var sequence in new long[] { 8, 9, 7 })
        {
            var message = new InboundMessage($"m-{sequence}", OrderBodies.Raw("{}")) { SequenceNumber = sequence, DeadLetterReason = "R" };
            messages.Add(message);
            await _h.Recorder.RecordAsync(message, CancellationToken.None);
        }

        var listed = await _h.Replayer.ListAsync(2, CancellationToken.None);

        // The two highest sequence numbers: the newest dead letters, newest first.
        Assert.Equal([DeadLetterIds.Of(messages[1]), DeadLetterIds.Of(messages[0])], listed.Select(d => d.Id));
    }
}
