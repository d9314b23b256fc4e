using System.Text;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Assignment;

/// <summary>The assigner as a host drives it: through <see cref="OrderMessageProcessor"/>, settled on a recording settlement.</summary>
public sealed class OrderAssignerTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static InboundMessage PartnerMessage(string messageId, byte[] body, long sequenceNumber = 1000) =>
        new(messageId, body)
        {
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
            SequenceNumber = sequenceNumber,
        };

    [Fact]
    public async Task ProcessAsync_DriverFree_AssignsAndCompletes()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));

        var (outcome, settlement) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.Assigned, order!.Status);
        Assert.Equal("d-1", order.DriverId);
        Assert.Null(order.ClaimedBy);
        Assert.Null(order.LeaseUntil);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_SeveralDrivers_AssignsTheNearest()
    {
        await _h.AddDriverAsync("d-far", lat: OrderBodies.PickupLat + 0.05);
        await _h.AddDriverAsync("d-near", lat: OrderBodies.PickupLat + 0.01);
        await _h.AddDriverAsync("d-other-zone", zone: "zone-b");

        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        Assert.Equal("d-near", (await _h.OrderAsync("o-1"))!.DriverId);
        Assert.Equal(0, (await _h.DriverAsync("d-far"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_DuplicateDeliveryOfAssignedOrder_CompletesAndChangesNothing()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);
        var order = await _h.OrderAsync("o-1");
        var driver = await _h.DriverAsync("d-1");

        var (outcome, settlement) = await _h.ProcessAsync(message with { DeliveryCount = 2 });
        var (partnerOutcome, _) = await _h.ProcessAsync(PartnerMessage("o-1", message.Body.ToArray()));

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.IsType<MessageOutcome.Complete>(partnerOutcome);
        Assert.True(settlement.Completed);
        Assert.Equal(order, await _h.OrderAsync("o-1"));
        Assert.Equal(driver, await _h.DriverAsync("d-1"));
    }

    [Fact]
    public async Task ProcessAsync_NoDriver_AwaitingDriverAndRetryScheduled()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        var now = _h.Clock.GetUtcNow();

        var (outcome, settlement) = await _h.ProcessAsync(message);

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal("o-1:retry:1", retry.Next.MessageId);
        Assert.Equal(1, retry.Next.ApplicationProperties[MessageProperties.Attempt]);
        Assert.Equal(now + _h.Options.DriverRetryInitial, retry.Next.ScheduledEnqueueTime);
        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.AwaitingDriver, order!.Status);
        Assert.Equal(1, order.Attempts);
        Assert.Equal(now, order.AwaitingSince);
        Assert.Equal(retry.Next.ScheduledEnqueueTime, order.NextAttemptAt);
        Assert.Null(order.ClaimedBy);
        // The retry was really scheduled on the queue, not only returned.
        Assert.Equal(1, _h.Queue.Counts().Scheduled);
        _h.Clock.Advance(_h.Options.DriverRetryInitial);
        var scheduled = Assert.Single(await _h.DrainAsync());
        Assert.Equal("o-1:retry:1", scheduled.MessageId);
        Assert.Equal(1, scheduled.ApplicationProperties[MessageProperties.Attempt]);
    }

    [Fact]
    public async Task ProcessAsync_RetryFindsDriver_Assigns()
    {
        var first = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(first);
        await _h.AddDriverAsync("d-1");
        await _h.DrainAsync(); // the driver's arrival woke the order: that copy is not needed here
        _h.Clock.Advance(_h.Options.DriverRetryInitial);
        var retry = Assert.Single(await _h.DrainAsync());

        var (outcome, _) = await _h.ProcessAsync(retry);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task ProcessAsync_OlderAttemptWhileAwaitingDriver_CompletesAsSuperseded()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);
        var waiting = await _h.OrderAsync("o-1");

        var (outcome, settlement) = await _h.ProcessAsync(message with { DeliveryCount = 2 });

        var complete = Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Contains("Superseded", complete.Note, StringComparison.Ordinal);
        Assert.True(settlement.Completed);
        Assert.Equal(waiting, await _h.OrderAsync("o-1"));
        Assert.Equal(1, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_WaitedLongerThanMaxAwaitingDriver_DeadLettersNoDriverAvailable()
    {
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        _h.Clock.Advance(_h.Options.MaxAwaitingDriver);
        var retry = Assert.Single(await _h.DrainAsync());

        var (outcome, settlement) = await _h.ProcessAsync(retry);

        var dead = Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.Equal(DeadLetterReasons.NoDriverAvailable, dead.Reason);
        Assert.Equal(DeadLetterReasons.NoDriverAvailable, settlement.DeadLetterReason);
        Assert.Contains("zone-a", settlement.DeadLetterDescription, StringComparison.Ordinal);
        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.AwaitingDriver, order!.Status);
        Assert.NotNull(order.LastError);
        Assert.Equal(0, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_InvalidBody_DeadLettersInvalidOrderWithFieldErrors()
    {
        var body = OrderBodies.Order("o-1");
        body.Remove("zone");
        body["pickup"]!["lat"] = 200;

        var (outcome, settlement) = await _h.ProcessAsync(PartnerMessage("o-1", body.Bytes()));

        Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.Equal(DeadLetterReasons.InvalidOrder, settlement.DeadLetterReason);
        Assert.Contains("zone: is required.", settlement.DeadLetterDescription, StringComparison.Ordinal);
        Assert.Contains("pickup.lat: must be between -90 and 90", settlement.DeadLetterDescription, StringComparison.Ordinal);
        Assert.Null(await _h.Store.GetDirectoryAsync("o-1", EntityKeys.DirectoryOrderRow, CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_NotJson_DeadLettersMalformedMessage()
    {
        var (outcome, settlement) = await _h.ProcessAsync(PartnerMessage("m-1", Encoding.UTF8.GetBytes("<order id='1'/>")));

        Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.Equal(DeadLetterReasons.MalformedMessage, settlement.DeadLetterReason);
        Assert.Contains("not valid JSON", settlement.DeadLetterDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_BodyOver64KiB_DeadLettersMessageTooLarge()
    {
        var body = OrderBodies.Order("o-1");
        body["customerId"] = new string('a', OrderLimits.MaxBodyBytes);

        var (_, settlement) = await _h.ProcessAsync(PartnerMessage("o-1", body.Bytes()));

        Assert.Equal(DeadLetterReasons.MessageTooLarge, settlement.DeadLetterReason);
    }

    [Fact]
    public async Task ProcessAsync_PartnerMessageForUnknownOrder_CreatesAndAssignsIt()
    {
        await _h.AddDriverAsync("d-1");

        var (outcome, settlement) = await _h.ProcessAsync(PartnerMessage("p-1", OrderBodies.Order("p-1").Bytes()) with { CorrelationId = "partner-corr" });

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        var order = await _h.OrderAsync("p-1");
        Assert.Equal(OrderStatus.Assigned, order!.Status);
        Assert.Equal("d-1", order.DriverId);
        Assert.Equal("acme", order.Source);
        Assert.Equal("partner-corr", order.CorrelationId);
        Assert.NotNull(await _h.Store.GetDirectoryAsync("p-1", EntityKeys.DirectoryOrderRow, CancellationToken.None));
    }

    [Theory]
    [InlineData(OrderBodies.Zone)]
    [InlineData("zone-b")]
    public async Task ProcessAsync_PartnerMessageSameIdDifferentPayload_DeadLettersPayloadConflictAndKeepsOrder(string zone)
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1));
        var before = await _h.OrderAsync("o-1");

        var (outcome, settlement) = await _h.ProcessAsync(PartnerMessage("o-1", OrderBodies.Order("o-1", zone, quantity: 5).Bytes()));

        Assert.IsType<MessageOutcome.DeadLetter>(outcome);
        Assert.Equal(DeadLetterReasons.PayloadConflict, settlement.DeadLetterReason);
        Assert.Equal(before, await _h.OrderAsync("o-1"));
        Assert.Null(await _h.Store.GetOrderAsync("zone-b", "o-1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessAsync_TransientStorageFailureOnce_RetriedInProcessAndAssigned()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.FailOnce("get");

        var (outcome, settlement) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Equal(0, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_ChosenDriverFilledBeforeCommit_RepicksAnotherDriver()
    {
        await _h.AddDriverAsync("d-near", capacity: 1, lat: OrderBodies.PickupLat + 0.001);
        await _h.AddDriverAsync("d-far", capacity: 1, lat: OrderBodies.PickupLat + 0.05);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        // Between the engine's read of the drivers and its commit, another assignment fills d-near.
        _h.Faults.BeforeNextTransaction = (inner, _) => BumpDriverAsync(inner, "d-near");

        var (outcome, _) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal("d-far", (await _h.OrderAsync("o-1"))!.DriverId);
        Assert.Equal(1, (await _h.DriverAsync("d-near"))!.ActiveOrders);
        Assert.Equal(1, (await _h.DriverAsync("d-far"))!.ActiveOrders);
        Assert.Equal(2, _h.Faults.Transactions);
    }

    [Fact]
    public async Task ProcessAsync_ChosenDriverChangedButStillFree_RepicksSameDriverWithoutDoubleCounting()
    {
        await _h.AddDriverAsync("d-1", capacity: 3);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.BeforeNextTransaction = (inner, _) => BumpDriverAsync(inner, "d-1");

        await _h.ProcessAsync(message);

        Assert.Equal("d-1", (await _h.OrderAsync("o-1"))!.DriverId);
        // One from the concurrent assignment, one from ours: never the stale 0 + 1.
        Assert.Equal(2, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_TwoOrdersOneSlot_OnlyOneAssigned()
    {
        await _h.AddDriverAsync("d-1", capacity: 1);
        var first = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        var second = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2"));

        await _h.ProcessAsync(first);
        var (outcome, _) = await _h.ProcessAsync(second);

        Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Equal(OrderStatus.AwaitingDriver, (await _h.OrderAsync("o-2"))!.Status);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_PartnerOrderNotReadyYet_SchedulesCopyAtReadyAtMinusLead()
    {
        await _h.AddDriverAsync("d-1");
        var readyAt = _h.Clock.GetUtcNow().AddHours(2);
        var body = OrderBodies.Order("p-1");
        body["readyAt"] = readyAt.ToString("O");

        var (outcome, settlement) = await _h.ProcessAsync(PartnerMessage("p-1", body.Bytes()));

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Completed);
        var due = readyAt - _h.Options.ScheduleLeadTime;
        Assert.Equal(due, retry.Next.ScheduledEnqueueTime);
        Assert.Equal(OrderStatus.NeedsAssignment, (await _h.OrderAsync("p-1"))!.Status);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
        // Nothing else will bring this order back before it is due: the scheduled copy must be on the queue.
        Assert.Equal(1, _h.Queue.Counts().Scheduled);
        _h.Clock.Advance(due - _h.Clock.GetUtcNow());
        var (later, _) = await _h.ProcessAsync(Assert.Single(await _h.DrainAsync()));
        Assert.IsType<MessageOutcome.Complete>(later);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("p-1"))!.Status);
    }

    [Fact]
    public async Task ProcessAsync_EarlyCopyOfScheduledHttpOrder_CompletesWithoutSchedulingAgain()
    {
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = _h.Clock.GetUtcNow().AddHours(2).ToString("O");
        await _h.SubmitAsync(body);
        var before = await _h.OrderAsync("o-1");

        var (outcome, _) = await _h.ProcessAsync(PartnerMessage("o-1", body.Bytes()));

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(before, await _h.OrderAsync("o-1"));
        Assert.Equal(1, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_CachedDriverRemovedByAnotherInstance_RepicksInsteadOfAbandoning()
    {
        // Another instance moved d-near to another zone (its entity here is deleted); this instance's roster cache still lists it.
        await _h.AddDriverAsync("d-near", lat: OrderBodies.PickupLat + 0.01);
        await _h.AddDriverAsync("d-far", lat: OrderBodies.PickupLat + 0.05);
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var gone = (await _h.DriverAsync("d-near"))!;
        await _h.Store.Tables.DeleteAsync("Dispatch", OrderBodies.Zone, EntityKeys.DriverRow("d-near"), gone.ETag);

        var (outcome, settlement) = await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-2")));

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        var order = await _h.OrderAsync("o-2");
        Assert.Equal(OrderStatus.Assigned, order!.Status);
        Assert.Equal("d-far", order.DriverId);
        Assert.Equal(1, (await _h.DriverAsync("d-far"))!.ActiveOrders);
    }

    private static async Task BumpDriverAsync(ITableStore inner, string driverId)
    {
        var row = (await inner.GetAsync("Dispatch", OrderBodies.Zone, EntityKeys.DriverRow(driverId)))!;
        var driver = DriverRecord.FromRow(row);
        await inner.UpdateAsync("Dispatch", (driver with { ActiveOrders = driver.ActiveOrders + 1 }).ToRow(), row.ETag);
    }
}
