using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
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

    [Fact]
    public async Task ProcessAsync_ConflictingCopyOfAnAssignedOrder_SendsNothing()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1", quantity: 1)));

        await _h.ProcessAsync(new InboundMessage("o-1", OrderBodies.Order("o-1", quantity: 5).Bytes()) { SequenceNumber = 99 });

        Assert.Equal(0, _h.Queue.Counts().Active + _h.Queue.Counts().Scheduled);
    }
}
