using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.DeadLetters;

public sealed class DeadLetterRecorderTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static InboundMessage DeadLettered(InboundMessage original, string reason = DeadLetterReasons.MaxDeliveryCountExceeded, int deliveryCount = 3) =>
        original with
        {
            DeadLetterReason = reason,
            DeadLetterErrorDescription = $"{reason} in a test.",
            DeadLetterSource = "orders",
            DeliveryCount = deliveryCount,
        };

    private async Task<DeadLetterRecord?> StoredAsync(InboundMessage message)
    {
        var row = await _h.Store.Tables.GetAsync(_h.Store.Names.DeadLetterTable, EntityKeys.DeadLetterPartition, DeadLetterIds.Of(message));
        return row is null ? null : DeadLetterRecord.FromRow(row);
    }

    [Fact]
    public async Task ProcessAsync_MessageFromDeadLetterQueue_RecordsBodyReasonDescriptionAndDeliveryCount()
    {
        var body = OrderBodies.Order("o-1");
        body.Remove("zone");
        await _h.Queue.SendAsync(new OutboundMessage("o-1", body.Bytes()) { CorrelationId = "corr-1" });
        var locked = await _h.ReceiveAsync();
        await _h.Processor.ProcessAsync(locked.Message, locked, CancellationToken.None);
        var dead = await _h.Queue.ReceiveDeadLetterAsync(TimeSpan.Zero);
        Assert.NotNull(dead);

        var outcome = await _h.DeadLetterProcessor.ProcessAsync(dead.Message, dead, CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.DeadLetterCounts());
        var record = await StoredAsync(dead.Message);
        Assert.NotNull(record);
        Assert.Equal(body.Bytes(), record.Body.ToArray());
        Assert.Equal(DeadLetterReasons.InvalidOrder, record.Reason);
        Assert.Contains("zone: is required.", record.Description, StringComparison.Ordinal);
        Assert.Equal(1, record.DeliveryCount);
        Assert.Equal("o-1", record.OrderId);
        Assert.Equal("corr-1", record.CorrelationId);
        Assert.Equal(_h.Clock.GetUtcNow(), record.DeadLetteredAt);
        var summary = Assert.Single(await _h.Replayer.ListAsync(10, CancellationToken.None));
        Assert.Equal(record.Id, summary.Id);
        Assert.Null(summary.ReplayedAt);
    }

    [Fact]
    public async Task RecordAsync_SameMessageTwice_KeepsOneRecord()
    {
        var message = DeadLettered(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var first = await _h.Recorder.RecordAsync(message, CancellationToken.None);
        var second = await _h.Recorder.RecordAsync(message with { DeliveryCount = 4 }, CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(first);
        Assert.IsType<MessageOutcome.Complete>(second);
        var summary = Assert.Single(await _h.Replayer.ListAsync(10, CancellationToken.None));
        Assert.Equal(3, summary.DeliveryCount);
    }

    [Fact]
    public async Task RecordAsync_OrderNeedsAssignment_MarksItDeadLettered()
    {
        var message = DeadLettered(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        await _h.Recorder.RecordAsync(message, CancellationToken.None);

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.DeadLettered, order!.Status);
        Assert.StartsWith(DeadLetterReasons.MaxDeliveryCountExceeded, order.LastError, StringComparison.Ordinal);
        Assert.Null(order.NextAttemptAt);
    }

    [Fact]
    public async Task RecordAsync_OrderAwaitingDriverPastItsLimit_MarksItDeadLettered()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(original);
        Assert.Equal(OrderStatus.AwaitingDriver, (await _h.OrderAsync("o-1"))!.Status);
        _h.Clock.Advance(_h.Options.MaxAwaitingDriver);
        var retry = Assert.Single(await _h.DrainAsync());
        var (outcome, _) = await _h.ProcessAsync(retry);
        Assert.Equal(DeadLetterReasons.NoDriverAvailable, Assert.IsType<MessageOutcome.DeadLetter>(outcome).Reason);

        await _h.Recorder.RecordAsync(DeadLettered(retry, DeadLetterReasons.NoDriverAvailable, 1), CancellationToken.None);

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.DeadLettered, order!.Status);
        Assert.StartsWith(DeadLetterReasons.NoDriverAvailable, order.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_OlderCopyAfterTheOrderMovedOnToARetry_KeepsTheRecordAndLeavesTheOrderAlone()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(original);
        var waiting = await _h.OrderAsync("o-1");
        Assert.Equal(1, waiting!.Attempts);

        // The first copy (attempt 0) reaches the dead-letter queue late, say after a lock expiry too many.
        var outcome = await _h.Recorder.RecordAsync(DeadLettered(original), CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.NotNull(await StoredAsync(DeadLettered(original)));
        Assert.Equal(waiting, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task RecordAsync_CopyOfAnOrderWithANewerCopyScheduled_KeepsTheRecordAndLeavesTheOrderAlone()
    {
        // Ready in an hour: intake scheduled its message for readyAt minus the lead time, so that copy is pending.
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = _h.Clock.GetUtcNow().AddHours(1).ToString("O");
        Assert.Equal(Results.ResultKind.Accepted, (await _h.SubmitAsync(body)).Kind);
        var before = await _h.OrderAsync("o-1");
        var partnerCopy = new InboundMessage("partner-o-1", body.Bytes()) { SequenceNumber = 99 };

        await _h.Recorder.RecordAsync(DeadLettered(partnerCopy), CancellationToken.None);

        Assert.NotNull(await StoredAsync(DeadLettered(partnerCopy)));
        Assert.Equal(before, await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task RecordAsync_OrderClaimedButNotAssigned_MarksItDeadLettered()
    {
        await _h.AddDriverAsync("d-1");
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.FailOnce("transaction", fault: new InvalidOperationException("Simulated crash before the commit."));
        await _h.ProcessAsync(original);

        await _h.Recorder.RecordAsync(DeadLettered(original), CancellationToken.None);

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.DeadLettered, order!.Status);
        Assert.Null(order.ClaimedBy);
        Assert.Null(order.LeaseUntil);
    }

    [Theory]
    [InlineData(OrderStatus.Assigned)]
    [InlineData(OrderStatus.Delivered)]
    public async Task RecordAsync_OrderAlreadyResolved_DoesNotRegressIt(OrderStatus status)
    {
        await _h.AddDriverAsync("d-1");
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(original);
        if (status == OrderStatus.Delivered)
            await _h.Delivery.MarkDeliveredAsync("o-1", CancellationToken.None);
        var before = await _h.OrderAsync("o-1");
        Assert.Equal(status, before!.Status);

        var outcome = await _h.Recorder.RecordAsync(DeadLettered(original), CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(before, await _h.OrderAsync("o-1"));
        Assert.Single(await _h.Replayer.ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_PayloadDiffersFromStoredOrder_DoesNotMarkIt()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1));
        var before = await _h.OrderAsync("o-1");
        var conflicting = new InboundMessage("o-1", OrderBodies.Order("o-1", quantity: 9).Bytes()) { SequenceNumber = 77 };

        await _h.Recorder.RecordAsync(DeadLettered(conflicting, DeadLetterReasons.PayloadConflict, 1), CancellationToken.None);

        Assert.Equal(before, await _h.OrderAsync("o-1"));
        var summary = Assert.Single(await _h.Replayer.ListAsync(10, CancellationToken.None));
        Assert.Equal("o-1", summary.OrderId);
        Assert.Equal(DeadLetterReasons.PayloadConflict, summary.Reason);
    }

    [Fact]
    public async Task RecordAsync_NotJson_RecordedWithoutOrderId()
    {
        var message = DeadLettered(new InboundMessage("m-1", OrderBodies.Raw("<xml/>")) { SequenceNumber = 5 }, DeadLetterReasons.MalformedMessage, 1);

        await _h.Recorder.RecordAsync(message, CancellationToken.None);

        var record = await StoredAsync(message);
        Assert.Null(record!.OrderId);
        Assert.Equal("<xml/>"u8.ToArray(), record.Body.ToArray());
    }

    [Fact]
    public async Task ProcessAsync_StorageFailsOnce_RecordedAfterAnInProcessRetry()
    {
        var message = DeadLettered(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        _h.Faults.FailOnce("add", (table, _) => table == _h.Store.Names.DeadLetterTable);
        var settlement = new RecordingSettlement();

        var outcome = await _h.DeadLetterProcessor.ProcessAsync(message, settlement, CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        Assert.Single(await _h.Replayer.ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_StorageDown_HoldsTheMessageThenAbandonsItAndRecordsItOnceStorageIsBack()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Resilience:AbandonDelay"] = "00:00:00.300" });
        var message = DeadLettered(await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        h.Faults.Down = true;
        var settlement = new RecordingSettlement();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await h.DeadLetterProcessor.ProcessAsync(message, settlement, CancellationToken.None);

        // Not a hot loop: the abandon came after the hold, so redeliveries come at most that often.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"abandoned after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.IsType<MessageOutcome.Abandon>(outcome);
        Assert.True(settlement.Abandoned);
        h.Faults.Down = false;
        Assert.Empty(await h.Replayer.ListAsync(10, CancellationToken.None));

        var again = await h.DeadLetterProcessor.ProcessAsync(message with { DeliveryCount = 4 }, new RecordingSettlement(), CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(again);
        Assert.Single(await h.Replayer.ListAsync(10, CancellationToken.None));
        Assert.Equal(OrderStatus.DeadLettered, (await h.OrderAsync("o-1"))!.Status);
    }
}
