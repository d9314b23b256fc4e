using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.DeadLetters;

/// <summary>
/// Each rule at its boundary: a dead letter marks its order unless the order has moved on. Only
/// null / not null is asserted: the reason text reaches no caller (the recorder only tests it for null).
/// </summary>
public sealed class LateDeadLettersTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly InboundMessage Copy = new("o-1", ReadOnlyMemory<byte>.Empty)
    {
        SequenceNumber = 7,
        ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Attempt] = 2 },
    };

    private static OrderRecord Order(OrderStatus status, int attempts = 2) => new()
    {
        OrderId = "o-1",
        Zone = "zone-a",
        Status = status,
        Attempts = attempts,
        PayloadHash = "h",
        Payload = "{}",
    };

    private static string? Reason(OrderRecord order) => LateDeadLetters.ReasonToLeaveAlone(order, Copy, Now);

    [Theory]
    [InlineData(OrderStatus.Assigned)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.DeadLettered)]
    public void ReasonToLeaveAlone_ResolvedOrder_LeftAlone(OrderStatus status) =>
        Assert.NotNull(Reason(Order(status)));

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    [InlineData(OrderStatus.InProgress)]
    public void ReasonToLeaveAlone_UnresolvedOrderOfThisAttemptWithNothingPending_MayBeMarked(OrderStatus status) =>
        Assert.Null(Reason(Order(status)));

    [Fact]
    public void ReasonToLeaveAlone_CopyOneAttemptBehind_LeftAlone() =>
        Assert.NotNull(Reason(Order(OrderStatus.NeedsAssignment, attempts: 3)));

    [Fact]
    public void ReasonToLeaveAlone_CopyAheadOfTheOrder_MayBeMarked() =>
        Assert.Null(Reason(Order(OrderStatus.NeedsAssignment, attempts: 1)));

    [Fact]
    public void ReasonToLeaveAlone_AnotherCopyHoldsALiveClaim_LeftAlone() =>
        Assert.NotNull(Reason(Order(OrderStatus.InProgress) with { LeaseUntil = Now.AddTicks(1), ClaimedBy = "o-1#8" }));

    [Fact]
    public void ReasonToLeaveAlone_ThisCopyHoldsTheLiveClaim_MayBeMarked() =>
        Assert.Null(Reason(Order(OrderStatus.InProgress) with { LeaseUntil = Now.AddTicks(1), ClaimedBy = ClaimToken.Of(Copy) }));

    [Fact]
    public void ReasonToLeaveAlone_AnotherCopysClaimExpiresNow_MayBeMarked() =>
        Assert.Null(Reason(Order(OrderStatus.InProgress) with { LeaseUntil = Now, ClaimedBy = "o-1#8" }));

    [Fact]
    public void ReasonToLeaveAlone_ClaimFieldsOnAnOrderNotInProgress_IgnoresThem() =>
        Assert.Null(Reason(Order(OrderStatus.AwaitingDriver) with { LeaseUntil = Now.AddMinutes(1), ClaimedBy = "o-1#8" }));

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    public void ReasonToLeaveAlone_NewerCopyScheduledAfterNow_LeftAlone(OrderStatus status) =>
        Assert.NotNull(Reason(Order(status) with { NextAttemptAt = Now.AddTicks(1) }));

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    public void ReasonToLeaveAlone_NewerCopyDueNow_MayBeMarked(OrderStatus status) =>
        Assert.Null(Reason(Order(status) with { NextAttemptAt = Now }));

    [Fact]
    public void ReasonToLeaveAlone_InProgressWithAFutureAttemptTime_MayBeMarked() =>
        Assert.Null(Reason(Order(OrderStatus.InProgress) with { NextAttemptAt = Now.AddMinutes(1) }));
}
