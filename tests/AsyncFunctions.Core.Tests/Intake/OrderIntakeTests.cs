using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using Moq;

namespace AsyncFunctions.Core.Tests.Intake;

public sealed class OrderIntakeTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task SubmitAsync_NewOrder_AcceptedStoredAndOneMessageSent()
    {
        var result = await _h.SubmitAsync(OrderBodies.Order("o-1"), correlationId: "corr-1");

        Assert.Equal(ResultKind.Accepted, result.Kind);
        Assert.Equal(OrderStatus.NeedsAssignment, result.Value!.Status);
        Assert.Equal(_h.Clock.GetUtcNow(), result.Value.CreatedAt);
        var stored = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.NeedsAssignment, stored?.Status);
        Assert.Equal("http", stored!.Source);
        var messages = await _h.DrainAsync();
        var message = Assert.Single(messages);
        Assert.Equal("o-1", message.MessageId);
        Assert.Equal("corr-1", message.CorrelationId);
        Assert.Equal(OrderMessages.Intake, message.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal("o-1", OrderParser.Parse(message.Body, _h.Clock.GetUtcNow()).Value!.OrderId);
    }

    [Fact]
    public async Task SubmitAsync_NoCorrelationId_MessageCorrelatesByOrderId()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal("o-1", (await _h.ReceiveAsync()).Message.CorrelationId);
    }

    [Fact]
    public async Task SubmitAsync_IdenticalDuplicate_OkWithSameStatusAndNoSecondMessage()
    {
        var first = await _h.SubmitAsync(OrderBodies.Order("o-1"));
        var before = await _h.OrderAsync("o-1");
        // Same order, spelled differently: reversed field order, indented.
        var reordered = new JsonObject(OrderBodies.Order("o-1").Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var respelled = OrderBodies.Raw(reordered.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var second = await _h.Intake.SubmitAsync(respelled, null, "http", null, CancellationToken.None);

        Assert.Equal(ResultKind.Ok, second.Kind);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(before!.ETag, (await _h.OrderAsync("o-1"))!.ETag);
        // Still NeedsAssignment, so intake re-sent the first message (in case a crash had lost it);
        // it carries the same MessageId, so the broker dropped it: one message on the queue.
        Assert.Equal(new(1, 0, 0, 1), _h.Queue.Counts());
    }

    [Fact]
    public async Task SubmitAsync_SameIdDifferentPayload_ConflictAndNothingChanged()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1));
        var before = await _h.OrderAsync("o-1");

        var result = await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 2));

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Contains("o-1", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await _h.OrderAsync("o-1"));
        Assert.Equal(new(1, 0, 0, 0), _h.Queue.Counts());
    }

    [Fact]
    public async Task SubmitAsync_SameIdOtherZone_ConflictAndNothingWrittenInOtherZone()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        var result = await _h.SubmitAsync(OrderBodies.Order("o-1", zone: "zone-b"));

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Null(await _h.Store.GetOrderAsync("zone-b", "o-1", CancellationToken.None));
    }

    [Fact]
    public async Task SubmitAsync_Invalid_InvalidWithErrorsAndNothingWritten()
    {
        var body = OrderBodies.Order("o-1");
        body["pickup"]!["lat"] = 123;

        var result = await _h.SubmitAsync(body);

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Equal(["pickup.lat"], result.Errors!.Keys);
        Assert.Null(await _h.Store.GetDirectoryAsync("o-1", EntityKeys.DirectoryOrderRow, CancellationToken.None));
        Assert.Null(await _h.Store.GetOrderAsync(OrderBodies.Zone, "o-1", CancellationToken.None));
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.Counts());
    }

    [Fact]
    public async Task SubmitAsync_NotJson_MalformedAndNothingWritten()
    {
        var result = await _h.Intake.SubmitAsync(Encoding.UTF8.GetBytes("orderId=o-1"), "o-1", "http", null, CancellationToken.None);

        Assert.Equal(ResultKind.Malformed, result.Kind);
        Assert.Null(await _h.Store.GetDirectoryAsync("o-1", EntityKeys.DirectoryOrderRow, CancellationToken.None));
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.Counts());
    }

    [Fact]
    public async Task SubmitAsync_IdempotencyKeyCarriesId_OrderStoredUnderIt()
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");

        var result = await _h.Intake.SubmitAsync(body.Bytes(), "key-1", "http", null, CancellationToken.None);

        Assert.Equal(ResultKind.Accepted, result.Kind);
        Assert.Equal("key-1", result.Value!.OrderId);
        Assert.NotNull(await _h.OrderAsync("key-1"));
    }

    [Fact]
    public async Task SubmitAsync_SendFails_StillAcceptedAndOrderStored()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("bus throttled"));
        using var h = new DispatchHarness(publisher.Object);

        var result = await h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(ResultKind.Accepted, result.Kind);
        var stored = await h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.NeedsAssignment, stored?.Status);
        // Due now: the sweeper will publish it once it is StaleAfter overdue.
        Assert.Equal(h.Clock.GetUtcNow(), stored!.NextAttemptAt);
        publisher.Verify(p => p.SendAsync(It.Is<OutboundMessage>(m => m.MessageId == "o-1"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitAsync_CrashBetweenDirectoryAndOrderInsert_ResubmitCreatesOrderOnce()
    {
        _h.Faults.FailOnce("add", (table, row) => table == _h.Store.Names.DispatchTable && row!.RowKey == EntityKeys.OrderRow("o-1"));

        await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1")));
        Assert.NotNull(await _h.Store.GetDirectoryAsync("o-1", EntityKeys.DirectoryOrderRow, CancellationToken.None));
        Assert.Null(await _h.OrderAsync("o-1"));

        var retried = await _h.SubmitAsync(OrderBodies.Order("o-1"));
        var again = await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(ResultKind.Accepted, retried.Kind);
        Assert.Equal(ResultKind.Ok, again.Kind);
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("o-1"))?.Status);
        Assert.Equal("o-1", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task SubmitAsync_StorageFailsBetweenTheTwoWrites_NothingHalfWrittenVisibleAndTheClientsRetryWithIdempotencyKeyCompletes()
    {
        var body = OrderBodies.Order();
        body.Remove("orderId");
        _h.Faults.FailOnce("add", (table, row) => table == _h.Store.Names.DispatchTable && row!.RowKey == EntityKeys.OrderRow("key-7"));

        var failed = await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(body, idempotencyKey: "key-7"));
        var whileHalfWritten = await _h.Get<OrderQueries>().GetAsync("key-7", CancellationToken.None);
        var retried = await _h.SubmitAsync(body, idempotencyKey: "key-7");

        Assert.True(failed.IsTransient); // intake answers 503 with Retry-After
        Assert.Equal(ResultKind.NotFound, whileHalfWritten.Kind); // the directory entry alone is not an order anyone sees
        Assert.Equal(ResultKind.Accepted, retried.Kind);
        Assert.Equal("key-7", retried.Value!.OrderId);
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("key-7"))?.Status);
        Assert.Equal("key-7", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task SubmitAsync_CrashBeforeOrderInsertThenDifferentPayload_Conflict()
    {
        _h.Faults.FailOnce("add", (table, row) => table == _h.Store.Names.DispatchTable);
        await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1)));

        var result = await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 2));

        Assert.Equal(ResultKind.Conflict, result.Kind);
        Assert.Null(await _h.OrderAsync("o-1"));
    }

    [Fact]
    public async Task SubmitAsync_ReadyBeyondLeadTime_MessageScheduledAtReadyAtMinusLead()
    {
        var readyAt = _h.Clock.GetUtcNow().AddHours(1);
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = readyAt.ToString("O");
        var due = readyAt - _h.Options.ScheduleLeadTime;

        var result = await _h.SubmitAsync(body);

        Assert.Equal(ResultKind.Accepted, result.Kind);
        Assert.Equal(due, (await _h.OrderAsync("o-1"))!.NextAttemptAt);
        Assert.Equal(new(0, 1, 0, 0), _h.Queue.Counts());
        _h.Clock.Advance(due - _h.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Empty(await _h.DrainAsync());
        _h.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("o-1", Assert.Single(await _h.DrainAsync()).MessageId);
    }

    [Fact]
    public async Task SubmitAsync_ReadyWithinLeadTime_MessageSentNow()
    {
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = _h.Clock.GetUtcNow().AddMinutes(5).ToString("O");

        await _h.SubmitAsync(body);

        Assert.Equal(new(1, 0, 0, 0), _h.Queue.Counts());
    }
}
