using System.Diagnostics.Metrics;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.DeadLetters;

/// <summary>
/// What an operator reads back from a dead letter at the edges: a body at and one byte over the size kept,
/// the description, content type and correlation id at and over their clip, the defaults of a message that
/// carries no reason, the order id guessed from an invalid body, the refusal answered only for a message
/// that brought no order of ours, the time-in-queue histogram, and contention on the order as the transient path.
/// </summary>
public sealed class DeadLetterRecorderLimitsTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static InboundMessage Message(byte[] body, long sequence = 5) =>
        new("m-1", body) { SequenceNumber = sequence, DeadLetterReason = DeadLetterReasons.MalformedMessage, DeadLetterErrorDescription = "bad" };

    private async Task<DeadLetterRecord> RecordAndReadAsync(InboundMessage message)
    {
        Assert.IsType<MessageOutcome.Complete>(await _h.Recorder.RecordAsync(message, CancellationToken.None));
        var stored = await _h.Store.GetDeadLetterAsync(DeadLetterIds.Of(message), CancellationToken.None);
        Assert.NotNull(stored);
        return stored;
    }

    private async Task<List<TableRow>> RefusalsAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in _h.Store.Tables.QueryAsync(_h.Store.Names.DispatchTable, TableQuery.PartitionPrefix(EventKeys.RefusalPartition, EventKeys.EventPrefix)))
            rows.Add(row);
        return rows;
    }

    private static byte[] Bytes(int count) => [.. Enumerable.Range(0, count).Select(i => (byte)(i % 251))];

    [Fact]
    public async Task RecordAsync_BodyOfExactlyTheMaximum_KeptWhole()
    {
        var body = Bytes(DeadLetterRecord.MaxBodyBytes);

        var record = await RecordAndReadAsync(Message(body));

        Assert.False(record.BodyTruncated);
        Assert.Equal(body, record.Body.ToArray());
        Assert.False((await _h.Replayer.ListAsync(1, CancellationToken.None))[0].BodyTruncated);
    }

    [Fact]
    public async Task RecordAsync_BodyOneByteOverTheMaximum_CutToTheMaximumAndFlagged()
    {
        var body = Bytes(DeadLetterRecord.MaxBodyBytes + 1);

        var record = await RecordAndReadAsync(Message(body));

        Assert.True(record.BodyTruncated);
        Assert.Equal(body[..DeadLetterRecord.MaxBodyBytes], record.Body.ToArray());
        Assert.True((await _h.Replayer.ListAsync(1, CancellationToken.None))[0].BodyTruncated);
    }

    [Theory]
    [InlineData(4096, 4096)]
    [InlineData(4097, 4096)]
    public async Task RecordAsync_LongDescription_ClippedTo4096Characters(int length, int kept)
    {
        var description = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));

        var record = await RecordAndReadAsync(Message(OrderBodies.Raw("x")) with { DeadLetterErrorDescription = description });

        Assert.Equal(description[..kept], record.Description);
    }

    [Theory]
    [InlineData(256, 256)]
    [InlineData(257, 256)]
    public async Task RecordAsync_LongContentTypeAndCorrelationId_ClippedTo256Characters(int length, int kept)
    {
        var contentType = new string('t', length - 1) + "T";
        var correlation = new string('c', length - 1) + "C";

        var record = await RecordAndReadAsync(Message(OrderBodies.Raw("x")) with { ContentType = contentType, CorrelationId = correlation });

        Assert.Equal(contentType[..kept], record.ContentType);
        Assert.Equal(correlation[..kept], record.CorrelationId);
    }

    [Fact]
    public async Task RecordAsync_MessageWithoutReasonDescriptionOrHeaders_RecordedAsUnknownFromThePartner()
    {
        var message = new InboundMessage("m-1", OrderBodies.Raw("x")) { SequenceNumber = 5, DeliveryCount = 2 };

        var record = await RecordAndReadAsync(message);

        Assert.Equal("Unknown", record.Reason);
        Assert.Equal("", record.Description);
        Assert.Null(record.ContentType);
        Assert.Null(record.CorrelationId);
        Assert.Equal("partner", record.Source);
        Assert.Equal("m-1", record.MessageId);
        Assert.Equal(2, record.DeliveryCount);
        Assert.Equal(5, record.SequenceNumber);
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public async Task RecordAsync_InvalidBodyWithAnOrderId_GuessesTheIdUpToItsMaximumLength(int length, bool kept)
    {
        var id = new string('o', length);

        var record = await RecordAndReadAsync(Message(OrderBodies.Raw($$"""{"orderId":"{{id}}","zone":"NOT A ZONE"}""")));

        Assert.Equal(kept ? id : null, record.OrderId);
    }

    [Theory]
    [InlineData("""{"orderId":"has space"}""")]
    [InlineData("""{"orderId":42}""")]
    [InlineData("""{"order":"o-1"}""")]
    [InlineData("""["o-1"]""")]
    public async Task RecordAsync_InvalidBodyWithoutAUsableOrderId_RecordedWithoutOne(string body)
    {
        var record = await RecordAndReadAsync(Message(OrderBodies.Raw(body)));

        Assert.Null(record.OrderId);
    }

    [Fact]
    public async Task RecordAsync_OrderLeftAloneAsALateCopy_RefusesNothing()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(original);
        Assert.Equal(1, (await _h.OrderAsync("o-1"))!.Attempts);

        await RecordAndReadAsync(original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded });

        Assert.Empty(await RefusalsAsync());
    }

    [Fact]
    public async Task RecordAsync_OrderMarked_RefusesNothing()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));

        await RecordAndReadAsync(original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "gave up" });

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.DeadLettered, order!.Status);
        Assert.Equal($"{DeadLetterReasons.MaxDeliveryCountExceeded}: gave up", order.LastError);
        Assert.Empty(await RefusalsAsync());
    }

    [Fact]
    public async Task RecordAsync_ValidOrderNeverAccepted_Refused()
    {
        await RecordAndReadAsync(new InboundMessage("o-9", OrderBodies.Order("o-9").Bytes()) { SequenceNumber = 9, DeadLetterReason = "R" });

        var refusal = OrderEvent.FromRow(Assert.Single(await RefusalsAsync()));
        Assert.Equal("o-9", refusal.Subject);
        Assert.Null(await _h.OrderAsync("o-9"));
    }

    [Fact]
    public async Task RecordAsync_OrderKeepsChangingWhileMarked_AbandonsWithTheRecordKeptAndTheOrderUnmarked()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        for (var i = 0; i < _h.Options.MaxConflictRetries; i++)
            _h.Faults.FailOnce("update", (table, row) => row?.RowKey == EntityKeys.OrderRow("o-1"), new TableStorageException(TableErrorKind.PreconditionFailed, "412"));
        var message = original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded };

        var outcome = await _h.Recorder.RecordAsync(message, CancellationToken.None);

        Assert.StartsWith("Order o-1 kept changing while being marked DeadLettered", Assert.IsType<MessageOutcome.Abandon>(outcome).Note, StringComparison.Ordinal);
        Assert.NotNull(await _h.Store.GetDeadLetterAsync(DeadLetterIds.Of(message), CancellationToken.None));
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Empty(await RefusalsAsync());
    }

    [Fact]
    public async Task RecordAsync_OrderChangedOnceWhileMarked_MarksItOnTheNextRound()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.FailOnce("update", (table, row) => row?.RowKey == EntityKeys.OrderRow("o-1"), new TableStorageException(TableErrorKind.PreconditionFailed, "412"));

        var outcome = await _h.Recorder.RecordAsync(original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded }, CancellationToken.None);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.DeadLettered, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task RecordAsync_Recorded_CompletesNamingTheRecordAndReason()
    {
        var message = Message(OrderBodies.Raw("x"));

        var outcome = await _h.Recorder.RecordAsync(message, CancellationToken.None);

        Assert.Equal($"Dead letter {DeadLetterIds.Of(message)} recorded ({DeadLetterReasons.MalformedMessage}).", Assert.IsType<MessageOutcome.Complete>(outcome).Note);
    }

    [Fact]
    public async Task RecordAsync_Recorded_TimeInQueueMeasuredOnceByReasonInSeconds()
    {
        var measured = new List<(double Seconds, string? Reason)>();
        using var listener = new MeterListener();
        var meter = _h.Get<DispatchMetrics>().Meter;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == DispatchMetrics.DeadLetterTimeInQueueInstrument)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => measured.Add((value, tags.ToArray().Single(t => t.Key == "reason").Value as string)));
        listener.Start();
        var message = Message(OrderBodies.Raw("x")) with { EnqueuedTime = _h.Clock.GetUtcNow().AddSeconds(-90) };

        await _h.Recorder.RecordAsync(message, CancellationToken.None);
        await _h.Recorder.RecordAsync(message with { DeliveryCount = 2 }, CancellationToken.None);

        Assert.Equal([(90d, DeadLetterReasons.MalformedMessage)], measured);
    }
}
