using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Moq;

namespace AsyncFunctions.Core.Tests.Intake;

/// <summary>
/// What intake answers and records in each case a client or an operator can see: the conflict's problem text, the
/// duplicate counter, the intake span's outcome, the re-send of a duplicate, and the half-done writes it completes.
/// </summary>
public sealed class OrderIntakeOutcomesTests : IDisposable
{
    private readonly SpanRecorder _spans = new();
    private readonly DispatchHarness _h = new();
    private readonly MeterRecorder _recorded;

    public OrderIntakeOutcomesTests() => _recorded = new MeterRecorder(_h.Get<DispatchMetrics>().Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
        _spans.Dispose();
    }

    private long Sends => _recorded["dispatch.bus.operations kind=send"];

    [Fact]
    public async Task SubmitAsync_SameIdDifferentPayload_TheProblemTextAClientReads()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1));

        var result = await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 2));

        Assert.Equal("Order id already used", result.Title);
        Assert.Equal("Order 'o-1' was already submitted with a different payload; use a new orderId for a different order.", result.Detail);
        Assert.Equal(0, _recorded["dispatch.orders.duplicates where=intake"]);
    }

    [Fact]
    public async Task SubmitAsync_IdenticalDuplicate_CountedAsAnIntakeDuplicate()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        Assert.Equal(0, _recorded["dispatch.orders.duplicates where=intake"]);

        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(1, _recorded["dispatch.orders.duplicates where=intake"]);
    }

    [Fact]
    public async Task SubmitAsync_DuplicateOfAnOrderPastAssignment_NotSentAgain()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        var sends = Sends;

        var again = await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(ResultKind.Ok, again.Kind);
        Assert.Equal(OrderStatus.Assigned, again.Value!.Status);
        Assert.Equal(sends, Sends);
        Assert.Empty(await _h.DrainAsync());
    }

    [Fact]
    public async Task SubmitAsync_DuplicateStillNeedingAssignment_SentAgainUnderTheSameMessageId()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        await _h.DrainAsync();

        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        // Sent again (in case a crash lost the first), as "o-1": inside the window the broker drops it as a duplicate.
        Assert.Equal(2, Sends);
        Assert.Equal(1, _h.Queue.Counts().DuplicatesDropped);
    }

    [Theory]
    [InlineData("accepted")]
    [InlineData("duplicate")]
    [InlineData("conflict")]
    [InlineData("invalid")]
    public async Task SubmitAsync_EachOutcome_TaggedOnTheIntakeSpan(string outcome)
    {
        if (outcome is "duplicate" or "conflict")
            await _h.SubmitAsync(OrderBodies.Order("o-span"));
        var body = OrderBodies.Order("o-span", quantity: outcome == "conflict" ? 3 : 1);
        if (outcome == "invalid")
            body["pickup"]!["lat"] = 123;
        using var root = SpanRecorder.StartRoot();

        await _h.SubmitAsync(body);

        var intake = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "intake");
        Assert.Equal(outcome, intake.GetTagItem(DispatchTags.Outcome));
        Assert.Equal(outcome == "invalid" ? null : "o-span", intake.GetTagItem(DispatchTags.OrderId));
        Assert.Equal(outcome == "invalid" ? null : OrderBodies.Zone, intake.GetTagItem(DispatchTags.Zone));
    }

    [Fact]
    public async Task SubmitAsync_SourceAndCorrelation_KeptOnTheOrder()
    {
        await _h.Intake.SubmitAsync(OrderBodies.Order("o-1").Bytes(), null, "acme", "corr-9", CancellationToken.None);

        var stored = (await _h.OrderAsync("o-1"))!;
        Assert.Equal("acme", stored.Source);
        Assert.Equal("corr-9", stored.CorrelationId);
        Assert.Equal("acme", (await _h.ReceiveAsync()).Message.ApplicationProperties[MessageProperties.Source]);
    }

    [Fact]
    public async Task SubmitAsync_SendCancelled_TheCancellationIsNotSwallowed()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new OperationCanceledException());
        using var h = new DispatchHarness(publisher.Object);

        await Assert.ThrowsAsync<OperationCanceledException>(() => h.SubmitAsync(OrderBodies.Order("o-1")));

        Assert.NotNull(await h.OrderAsync("o-1")); // accepted before the send: the sweeper still publishes it
    }

    [Fact]
    public async Task SubmitAsync_DirectoryEntryClaimedButGone_TransientSoTheClientRetries()
    {
        _h.Faults.FailOnce("add", (table, _) => table == _h.Store.Names.DirectoryTable, new TableStorageException(TableErrorKind.AlreadyExists, "409"));

        var failed = await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1")));

        Assert.Equal(TableErrorKind.Transient, failed.Kind);
        Assert.Equal("Directory entry of o-1 vanished during intake.", failed.Message);
        Assert.Null(await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task SubmitAsync_OrderReportedToExistButUnreadable_TransientSoTheClientRetries()
    {
        _h.Faults.FailOnce("add", (table, _) => table == _h.Store.Names.DispatchTable, new TableStorageException(TableErrorKind.AlreadyExists, "409"));

        var failed = await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1")));

        Assert.Equal(TableErrorKind.Transient, failed.Kind);
        Assert.Equal("Order o-1 was reported to exist but could not be read; try again.", failed.Message);
    }

    [Fact]
    public async Task SubmitAsync_OrderWrittenByAnotherCopyOfTheHalfDoneIntake_ThatOrderIsADuplicate()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        await _h.DrainAsync();
        var original = (await _h.OrderAsync("o-1"))!;
        // As if this copy had found the directory entry missing (written by the other copy just after): it inserts the order and loses.
        var entry = (await _h.Store.GetDirectoryAsync("o-1", EntityKeys.DirectoryOrderRow, CancellationToken.None))!;
        await _h.Store.Tables.DeleteAsync(_h.Store.Names.DirectoryTable, entry.Id, entry.Kind, "*");

        var again = await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(ResultKind.Ok, again.Kind);
        Assert.Equal(original.ETag, (await _h.OrderAsync("o-1"))!.ETag);
        Assert.Equal(original.CreatedAt, again.Value!.CreatedAt);
    }

    [Fact]
    public async Task SubmitAsync_DirectoryWriteFailsTransiently_ThatFailurePropagatesUnchanged()
    {
        var fault = new TableStorageException(TableErrorKind.Transient, "503 on the directory");
        _h.Faults.FailOnce("add", (table, _) => table == _h.Store.Names.DirectoryTable, fault);

        Assert.Same(fault, await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1"))));
    }

    [Fact]
    public async Task SubmitAsync_OrderWriteFailsTransiently_ThatFailurePropagatesUnchanged()
    {
        var fault = new TableStorageException(TableErrorKind.Transient, "503 on the order");
        _h.Faults.FailOnce("add", (table, _) => table == _h.Store.Names.DispatchTable, fault);

        Assert.Same(fault, await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1"))));
    }

    [Fact]
    public async Task SubmitAsync_ReadyWithinTheLeadTime_DueNowNotInThePast()
    {
        // Ready in 1 minute, with a lead time longer than that: ready minus lead is in the past, so it is due now.
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = (_h.Clock.GetUtcNow() + _h.Options.ScheduleLeadTime - TimeSpan.FromMinutes(1)).ToString("O");

        await _h.SubmitAsync(body);

        Assert.Equal(_h.Clock.GetUtcNow(), (await _h.OrderAsync("o-1"))!.NextAttemptAt);
    }

    [Fact]
    public void Conflict_IsNeitherAnOrderNorNew()
    {
        var conflict = Acceptance.Conflict("taken");

        Assert.True(conflict.IsConflict);
        Assert.Equal("taken", conflict.ConflictDetail);
        Assert.Null(conflict.Order);
        Assert.False(conflict.IsNew);
    }
}
