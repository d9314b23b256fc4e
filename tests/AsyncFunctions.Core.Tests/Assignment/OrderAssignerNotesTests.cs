using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Assignment;

/// <summary>
/// The note of each outcome the assigner decides: it is the dead-letter description an operator reads
/// and the settlement reason in the host's log, so it must name the order and what happened. Also the
/// re-read after a concurrent write to the order, and the size boundary of a refused message.
/// </summary>
public sealed class OrderAssignerNotesTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private static InboundMessage PartnerMessage(string messageId, byte[] body) =>
        new(messageId, body)
        {
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme" },
            SequenceNumber = 1000,
        };

    [Fact]
    public async Task ProcessAsync_DriverFree_NoteNamesOrderAndDriver()
    {
        await _h.AddDriverAsync("d-1");

        var (outcome, _) = await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        Assert.Equal(new MessageOutcome.Complete("Order o-1 assigned to driver d-1."), outcome);
    }

    [Fact]
    public async Task ProcessAsync_AlreadyAssigned_NoteSaysItsStatus()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);

        var (outcome, _) = await _h.ProcessAsync(message with { DeliveryCount = 2 });

        Assert.Equal(new MessageOutcome.Complete("Order o-1 is already Assigned."), outcome);
    }

    [Fact]
    public async Task ProcessAsync_NoDriver_NoteSaysZoneRetryAndDueTime()
    {
        var (outcome, _) = await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        var due = (await _h.OrderAsync("o-1"))!.NextAttemptAt!.Value;
        Assert.Equal($"No driver free in zone {OrderBodies.Zone}; retry 1 at {due:O}.", retry.Note);
    }

    [Fact]
    public async Task ProcessAsync_NotReadyYet_NoteSaysScheduledTime()
    {
        var readyAt = _h.Clock.GetUtcNow().AddHours(2);
        var body = OrderBodies.Order("p-1");
        body["readyAt"] = readyAt.ToString("O");

        var (outcome, _) = await _h.ProcessAsync(PartnerMessage("p-1", body.Bytes()));

        var due = readyAt - _h.Options.ScheduleLeadTime;
        Assert.Equal($"Order p-1 is not ready; scheduled for {due:O}.", Assert.IsType<MessageOutcome.RetryLater>(outcome).Note);
    }

    [Fact]
    public async Task ProcessAsync_SameIdDifferentPayload_DeadLetterDescriptionSaysNotMerged()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        var (_, settlement) = await _h.ProcessAsync(PartnerMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes()));

        Assert.Equal(DeadLetterReasons.PayloadConflict, settlement.DeadLetterReason);
        Assert.Equal("Order 'o-1' already exists with a different payload; this message was not merged into it.", settlement.DeadLetterDescription);
    }

    [Fact]
    public async Task ProcessAsync_OrderWrittenByAnotherBeforeCommit_ReReadsAndAssigns()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        // Between the engine's read of the order and its commit, another writer touches the order row (new ETag).
        _h.Faults.BeforeNextTransaction = (inner, _) => TouchOrderAsync(inner, "o-1");
        var commitsBefore = _h.Faults.Transactions;

        var (outcome, _) = await _h.ProcessAsync(message);

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
        // The lost race costs one commit: the next round re-reads the order and wins. Deciding again from the
        // stale copy would lose every round, and only the transient policy's fresh run would get it through.
        Assert.Equal(2, _h.Faults.Transactions - commitsBefore);
    }

    [Fact]
    public async Task ProcessAsync_InvalidOrderOfExactlyTheSizeLimit_DeadLettersInvalidOrderNotTooLarge()
    {
        var body = OrderBodies.Order("o-1");
        body["zone"] = "Bad Zone";
        body["customerId"] = "c";
        // ASCII: each extra character of customerId is one more byte, up to exactly the limit.
        body["customerId"] = new string('c', 1 + OrderLimits.MaxBodyBytes - body.Bytes().Length);
        var bytes = body.Bytes();
        Assert.Equal(OrderLimits.MaxBodyBytes, bytes.Length);

        var (_, settlement) = await _h.ProcessAsync(PartnerMessage("o-1", bytes));

        Assert.Equal(DeadLetterReasons.InvalidOrder, settlement.DeadLetterReason);
    }

    private static async Task TouchOrderAsync(ITableStore inner, string orderId)
    {
        var row = (await inner.GetAsync("Dispatch", OrderBodies.Zone, EntityKeys.OrderRow(orderId)))!;
        await inner.UpdateAsync("Dispatch", OrderRecord.FromRow(row).ToRow(), row.ETag);
    }
}
