using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.DeadLetters;

/// <summary>
/// The replay message's headers (what the processor and the partner's trace read) for records with and
/// without an order, the list's bounds, a replay interrupted between marking and sending, and contention on the
/// record or on the order answered as "busy" (503) with nothing sent.
/// </summary>
public sealed class DeadLetterReplayerEdgesTests : IDisposable
{
    private readonly SettlementJournal _sent = new();
    private readonly DispatchHarness _h;

    public DeadLetterReplayerEdgesTests() => _h = new DispatchHarness(publisher: _sent);

    public void Dispose() => _h.Dispose();

    private static readonly TableStorageException Conflict = new(TableErrorKind.PreconditionFailed, "412");

    private static DeadLetterRecord Record(string id, byte[] body, string? orderId = null) => new()
    {
        Id = id,
        MessageId = "m-1",
        OrderId = orderId,
        Reason = "R",
        Description = "",
        Body = body,
    };

    private async Task<OutboundMessage> ReplayedAsync(string id)
    {
        Assert.Equal(ResultKind.Accepted, (await _h.Replayer.ReplayAsync(id, CancellationToken.None)).Kind);
        return Assert.Single(_sent.Sent, m => m.MessageId == DeadLetterIds.ReplayMessageId(id));
    }

    /// <summary>An accepted order, dead-lettered and recorded; its replay revives it.</summary>
    private async Task<string> DeadLetteredOrderAsync()
    {
        Assert.Equal(ResultKind.Accepted, (await _h.SubmitAsync(OrderBodies.Order("o-1"))).Kind);
        var dead = new InboundMessage("o-1", OrderBodies.Order("o-1").Bytes())
        {
            SequenceNumber = 3,
            ContentType = "application/vnd.acme+json",
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
            DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded,
        };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
        return DeadLetterIds.Of(dead);
    }

    [Fact]
    public async Task ReplayAsync_RecordWithoutContentTypeOrSourceOrOrder_SendsJsonFromThePartnerUnderTheRecordsId()
    {
        await _h.Store.AddDeadLetterAsync(Record("dl-1", OrderBodies.Raw("<xml/>")), CancellationToken.None);

        var replayed = await ReplayedAsync("dl-1");

        Assert.Equal("application/json", replayed.ContentType);
        Assert.Equal("partner", replayed.ApplicationProperties[MessageProperties.Source]);
        Assert.Equal(0, replayed.ApplicationProperties[MessageProperties.Attempt]);
        Assert.Equal(OrderMessages.Replay, replayed.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal("dl-1", replayed.ApplicationProperties[MessageProperties.ReplayOf]);
        Assert.Equal("dl-1", replayed.ApplicationProperties[MessageProperties.OrderId]);
    }

    [Fact]
    public async Task ReplayAsync_InvalidBodyWithAGuessedOrderId_SendsUnderTheGuessedId()
    {
        await _h.Store.AddDeadLetterAsync(Record("dl-1", OrderBodies.Raw("""{"orderId":"o-7"}"""), orderId: "o-7"), CancellationToken.None);

        var replayed = await ReplayedAsync("dl-1");

        Assert.Equal("o-7", replayed.ApplicationProperties[MessageProperties.OrderId]);
    }

    [Fact]
    public async Task ReplayAsync_ValidOrderThatWasNeverStored_SendsItWithoutCreatingIt()
    {
        await _h.Store.AddDeadLetterAsync(Record("dl-1", OrderBodies.Order("o-8").Bytes(), orderId: "o-8"), CancellationToken.None);

        var replayed = await ReplayedAsync("dl-1");

        Assert.Equal("o-8", replayed.ApplicationProperties[MessageProperties.OrderId]);
        Assert.Equal(0, replayed.ApplicationProperties[MessageProperties.Attempt]);
        Assert.Null(await _h.OrderAsync("o-8"));
    }

    [Fact]
    public async Task ReplayAsync_DeadLetteredOrder_SendsItsContentTypeSourceAndAttempt()
    {
        var id = await DeadLetteredOrderAsync();

        var replayed = await ReplayedAsync(id);

        Assert.Equal("application/vnd.acme+json", replayed.ContentType);
        Assert.Equal("acme", replayed.ApplicationProperties[MessageProperties.Source]);
        Assert.Equal("o-1", replayed.ApplicationProperties[MessageProperties.OrderId]);
        Assert.Equal((await _h.OrderAsync("o-1"))!.Attempts, replayed.ApplicationProperties[MessageProperties.Attempt]);
    }

    [Fact]
    public async Task ReplayAsync_OrderThatHadRetried_SendsItsAttempt()
    {
        var id = await DeadLetteredOrderAsync();
        var order = (await _h.OrderAsync("o-1"))!;
        await _h.Store.UpdateOrderAsync(order with { Attempts = 3, Raised = [] }, CancellationToken.None);

        var replayed = await ReplayedAsync(id);

        Assert.Equal(3, replayed.ApplicationProperties[MessageProperties.Attempt]);
    }

    [Fact]
    public async Task ReplayAsync_UnknownId_NotFoundNamingIt() =>
        Assert.Equal("No dead letter with id 'dl-x'.", (await _h.Replayer.ReplayAsync("dl-x", CancellationToken.None)).Detail);

    [Fact]
    public async Task ReplayAsync_OrderNoLongerDeadLettered_SendsTheBodyAndLeavesTheOrder()
    {
        var id = await DeadLetteredOrderAsync();
        await _h.Replayer.ReplayAsync(id, CancellationToken.None);
        var revived = await _h.OrderAsync("o-1");
        // A second record of the same order, from another copy, replayed after the first revived it.
        var other = Record("dl-2", OrderBodies.Order("o-1").Bytes(), orderId: "o-1");
        await _h.Store.AddDeadLetterAsync(other, CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        await ReplayedAsync("dl-2");

        Assert.Equal(revived, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task ReplayAsync_OtherOrderUnderTheSameId_LeavesIt()
    {
        await DeadLetteredOrderAsync();
        var before = await _h.OrderAsync("o-1");
        await _h.Store.AddDeadLetterAsync(Record("dl-2", OrderBodies.Order("o-1", quantity: 9).Bytes(), orderId: "o-1"), CancellationToken.None);

        await ReplayedAsync("dl-2");

        Assert.Equal(before, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task ReplayAsync_SendFailedAfterMarking_RepeatSendsWithTheFirstMarkingTime()
    {
        var id = await DeadLetteredOrderAsync();
        var markedAt = _h.Clock.GetUtcNow();
        _sent.SendFault = new InvalidOperationException("bus down");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _h.Replayer.ReplayAsync(id, CancellationToken.None));
        var interrupted = await _h.Store.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.Equal(markedAt, interrupted!.ReplayedAt);
        Assert.False(interrupted.ReplaySent);
        _sent.SendFault = null;
        _h.Clock.Advance(TimeSpan.FromMinutes(5));

        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Accepted, result.Kind);
        Assert.Equal(markedAt, result.Value!.ReplayedAt);
        Assert.Single(_sent.Sent, m => m.MessageId == DeadLetterIds.ReplayMessageId(id));
        var stored = await _h.Store.GetDeadLetterAsync(id, CancellationToken.None);
        Assert.True(stored!.ReplaySent);
        Assert.Equal(DeadLetterIds.ReplayMessageId(id), stored.ReplayMessageId);
    }

    [Fact]
    public async Task ReplayAsync_RecordKeepsChanging_BusyAndNothingSent()
    {
        await _h.Store.AddDeadLetterAsync(Record("dl-1", OrderBodies.Raw("x")), CancellationToken.None);
        for (var i = 0; i < _h.Options.MaxConflictRetries; i++)
            _h.Faults.FailOnce("update", (table, _) => table == _h.Store.Names.DeadLetterTable, Conflict);

        var result = await _h.Replayer.ReplayAsync("dl-1", CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.StartsWith("Dead letter dl-1 kept changing while being replayed", result.Detail, StringComparison.Ordinal);
        Assert.Empty(_sent.Sent);
    }

    [Fact]
    public async Task ReplayAsync_OrderKeepsChanging_BusyAndNothingSent()
    {
        var id = await DeadLetteredOrderAsync();
        var sentBefore = _sent.Sent.Count;
        for (var i = 0; i < _h.Options.MaxConflictRetries; i++)
            _h.Faults.FailOnce("update", (_, row) => row?.RowKey == EntityKeys.OrderRow("o-1"), Conflict);

        var result = await _h.Replayer.ReplayAsync(id, CancellationToken.None);

        Assert.Equal(ResultKind.Contended, result.Kind);
        Assert.StartsWith("Order o-1 kept changing during replay", result.Detail, StringComparison.Ordinal);
        Assert.Equal(sentBefore, _sent.Sent.Count);
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task ListAsync_TakeBelowOne_ListsOne(int take)
    {
        foreach (var id in new[] { "dl-1", "dl-2" })
            await _h.Store.AddDeadLetterAsync(Record(id, OrderBodies.Raw("x")), CancellationToken.None);

        Assert.Single(await _h.Replayer.ListAsync(take, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_TakeAboveTheMaximum_ListsTheMaximum()
    {
        for (var i = 0; i <= DeadLetterReplayer.MaxListed; i++)
            await _h.Store.AddDeadLetterAsync(Record($"dl-{i:D4}", []), CancellationToken.None);

        Assert.Equal(DeadLetterReplayer.MaxListed, (await _h.Replayer.ListAsync(int.MaxValue, CancellationToken.None)).Count);
    }
}
