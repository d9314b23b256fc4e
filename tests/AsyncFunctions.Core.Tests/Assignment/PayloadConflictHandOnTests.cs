using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Assignment;

/// <summary>
/// Found by the Coyote scenario IntakeVsPartner_DifferentPayload (tests/AsyncFunctions.Concurrency.Tests, seed
/// 400978864, first iteration): a partner's conflicting copy, sent first with MessageId = orderId, makes the broker
/// drop the HTTP intake's own message as a duplicate; the copy is refused, and the accepted order had no message
/// left, only the sweeper minutes later. The schedule Coyote found, as a plain test.
/// </summary>
public sealed class PayloadConflictHandOnTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ProcessAsync_ConflictingCopyShadowedTheIntakeMessage_AcceptedOrderIsStillAssignedWithoutSweeper()
    {
        await _h.AddDriverAsync("d-1");
        await _h.Queue.SendAsync(new OutboundMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes())
        {
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "acme" },
        });
        Assert.Equal(ResultKind.Accepted, (await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1))).Kind);

        var outcomes = new List<MessageOutcome>();
        while (await _h.Queue.ReceiveAsync(TimeSpan.Zero) is { } locked)
            outcomes.Add(await _h.Processor.ProcessAsync(locked.Message, locked, CancellationToken.None));

        Assert.Contains(outcomes, o => o is MessageOutcome.DeadLetter { Reason: DeadLetterReasons.PayloadConflict });
        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.Assigned, order!.Status);
        Assert.Equal("d-1", order.DriverId);
    }

    /// <summary>Seed 1375658241, iteration 18: the copy is refused between the owner's directory entry and its order.</summary>
    [Fact]
    public async Task ProcessAsync_ConflictingCopyWhileOwnerHalfAccepted_ChecksAgainAndOrderIsAssignedWithoutSweeper()
    {
        await _h.AddDriverAsync("d-1");
        var owner = OrderParser.Parse(OrderBodies.Order("o-1", quantity: 1).Bytes(), _h.Clock.GetUtcNow()).Value!;
        // The HTTP intake has claimed the id (directory entry) but not yet written the order.
        await _h.Store.AddDirectoryAsync(new DirectoryEntry("o-1", EntityKeys.DirectoryOrderRow, OrderBodies.Zone, OrderFingerprint.Hash(owner), _h.Clock.GetUtcNow()), CancellationToken.None);
        await _h.Queue.SendAsync(new OutboundMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes()));

        var first = await _h.Queue.ReceiveAsync(TimeSpan.Zero);
        var outcome = await _h.Processor.ProcessAsync(first!.Message, first, CancellationToken.None);
        var recheckAt = _h.Clock.GetUtcNow() + _h.Options.DriverRetryInitial;
        Assert.Equal($"Order 'o-1' is being accepted with another payload; this copy is checked again at {recheckAt:O}.",
            Assert.IsType<MessageOutcome.RetryLater>(outcome).Note);
        // The intake finishes; its own message (MessageId o-1) is dropped by the broker as a duplicate.
        Assert.Equal(ResultKind.Accepted, (await _h.SubmitAsync(OrderBodies.Order("o-1", quantity: 1))).Kind);

        var outcomes = new List<MessageOutcome>();
        for (var round = 0; round < 5; round++)
        {
            _h.Clock.Advance(_h.Options.DriverRetryInitial);
            while (await _h.Queue.ReceiveAsync(TimeSpan.Zero) is { } locked)
                outcomes.Add(await _h.Processor.ProcessAsync(locked.Message, locked, CancellationToken.None));
        }

        Assert.Single(outcomes, o => o is MessageOutcome.DeadLetter { Reason: DeadLetterReasons.PayloadConflict });
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task ProcessAsync_TwoConflictingCopiesWhileOwnerHalfAccepted_EachGetsItsOwnRecheck()
    {
        var owner = OrderParser.Parse(OrderBodies.Order("o-1", quantity: 1).Bytes(), _h.Clock.GetUtcNow()).Value!;
        await _h.Store.AddDirectoryAsync(new DirectoryEntry("o-1", EntityKeys.DirectoryOrderRow, OrderBodies.Zone, OrderFingerprint.Hash(owner), _h.Clock.GetUtcNow()), CancellationToken.None);
        await _h.Queue.SendAsync(new OutboundMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes()));
        await _h.Queue.SendAsync(new OutboundMessage("o-1-resend", OrderBodies.Order("o-1", quantity: 6).Bytes()));

        while (await _h.Queue.ReceiveAsync(TimeSpan.Zero) is { } locked)
            Assert.IsType<MessageOutcome.RetryLater>(await _h.Processor.ProcessAsync(locked.Message, locked, CancellationToken.None));

        // Neither copy may vanish in the broker's duplicate detection before it is dead-lettered with its body.
        Assert.Equal(2, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_ConflictingCopyOfAnAssignedOrder_SendsNothing()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1", quantity: 1)));

        await _h.ProcessAsync(new InboundMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes()) { SequenceNumber = 99 });

        Assert.Equal(0, _h.Queue.Counts().Active + _h.Queue.Counts().Scheduled);
    }
}
