using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Assignment;

/// <summary>
/// The protocol's explicit claim (Dispatch:ClaimBeforeAssign = true): InProgress with an ETag and a
/// lease is written before the driver is picked, and copies of the order respect that lease.
/// </summary>
public sealed class ExplicitClaimTests : IDisposable
{
    private readonly DispatchHarness _h = new(settings: new Dictionary<string, string?> { ["Dispatch:ClaimBeforeAssign"] = "true" });

    public void Dispose() => _h.Dispose();

    /// <summary>A consumer that claimed the order and then died before committing (its lease still live); a transient failure would be retried in process.</summary>
    private async Task<InboundMessage> ClaimThenFailAsync()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Faults.FailOnce("transaction", fault: new InvalidOperationException("Simulated crash after the claim."));
        var (outcome, settlement) = await _h.ProcessAsync(message);
        Assert.IsType<MessageOutcome.Abandon>(outcome);
        Assert.True(settlement.Abandoned);
        var claimed = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.InProgress, claimed!.Status);
        Assert.Equal($"o-1#{message.SequenceNumber}", claimed.ClaimedBy);
        return message;
    }

    [Fact]
    public async Task ProcessAsync_CrashAfterClaim_AbandonsAndLeavesLeasedClaim()
    {
        await ClaimThenFailAsync();

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(_h.Clock.GetUtcNow() + _h.Options.LeaseDuration, order!.LeaseUntil);
        Assert.Equal(0, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_ClaimedByAnotherCopyWithLiveLease_RetriesLaterAtLeaseEnd()
    {
        var original = await ClaimThenFailAsync();
        var claimed = await _h.OrderAsync("o-1");

        // A second copy of the same order (another sequence number: a partner re-send).
        var (outcome, settlement) = await _h.ProcessAsync(original with { SequenceNumber = original.SequenceNumber + 100 });

        var retry = Assert.IsType<MessageOutcome.RetryLater>(outcome);
        Assert.True(settlement.Completed);
        Assert.Equal(claimed!.LeaseUntil, retry.Next.ScheduledEnqueueTime);
        Assert.StartsWith("o-1:recheck:", retry.Next.MessageId, StringComparison.Ordinal);
        Assert.Equal($"Order o-1 is claimed by another delivery until {claimed.LeaseUntil:O}.", retry.Note);
        Assert.Equal(claimed, await _h.OrderAsync("o-1"));
        Assert.Equal(1, _h.Queue.Counts().Scheduled);
    }

    [Fact]
    public async Task ProcessAsync_ClaimedByAnotherCopyWithExpiredLease_TakesOverAndAssigns()
    {
        var original = await ClaimThenFailAsync();
        _h.Clock.Advance(_h.Options.LeaseDuration);

        var (outcome, _) = await _h.ProcessAsync(original with { SequenceNumber = original.SequenceNumber + 100 });

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }

    [Fact]
    public async Task ProcessAsync_OwnRedeliveryWithLiveLease_TakesItsClaimBackAndAssigns()
    {
        var original = await ClaimThenFailAsync();

        var (outcome, settlement) = await _h.ProcessAsync(original with { DeliveryCount = 2 });

        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.True(settlement.Completed);
        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.Assigned, order!.Status);
        Assert.Equal("d-1", order.DriverId);
        Assert.Equal(1, (await _h.DriverAsync("d-1"))!.ActiveOrders);
    }
}
