using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Orders;

/// <summary>
/// What a caller that breaks the aggregate's rules is told: a null order is an
/// <see cref="ArgumentNullException"/> (not a NullReferenceException deep inside), and an illegal move
/// says which statuses were involved, because that message is what ends up in the log of the failure.
/// </summary>
public sealed class OrderLifecycleGuardsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static OrderRecord Order(OrderStatus status) => new()
    {
        OrderId = "o-1",
        Zone = "zone-a",
        Status = status,
        CreatedAt = Now,
        UpdatedAt = Now,
        PayloadHash = "hash",
        Payload = "{}",
    };

    public static TheoryData<string> NullOrderTransitions() =>
        ["Accept", "Claim", "ClaimOptimistically", "Assign", "Defer", "ReleaseExpiredClaim", "MarkRepublished", "Revive", "Deliver"];

    private static readonly Dictionary<string, Action> WithNullOrder = new()
    {
        ["Accept"] = () => OrderLifecycle.Accept(null!, "{}", "hash", "http", null, Now, Now),
        ["Claim"] = () => OrderLifecycle.Claim(null!, "o-1#1", Now, TimeSpan.FromSeconds(30)),
        ["ClaimOptimistically"] = () => OrderLifecycle.ClaimOptimistically(null!, Now),
        ["Assign"] = () => OrderLifecycle.Assign(null!, "d-1", Now),
        ["Defer"] = () => OrderLifecycle.Defer(null!, Now, Now),
        ["ReleaseExpiredClaim"] = () => OrderLifecycle.ReleaseExpiredClaim(null!, Now),
        ["MarkRepublished"] = () => OrderLifecycle.MarkRepublished(null!, Now),
        ["Revive"] = () => OrderLifecycle.Revive(null!, Now),
        ["Deliver"] = () => OrderLifecycle.Deliver(null!, Now),
    };

    [Theory]
    [MemberData(nameof(NullOrderTransitions))]
    public void Transition_NullOrder_ThrowsArgumentNullNamingTheOrder(string transition)
    {
        var thrown = Assert.Throws<ArgumentNullException>(WithNullOrder[transition]);

        Assert.Equal("order", thrown.ParamName);
    }

    [Fact]
    public void AwaitDriver_NullRetryDelay_ThrowsArgumentNull()
    {
        var thrown = Assert.Throws<ArgumentNullException>(() => Order(OrderStatus.InProgress).AwaitDriver(Now, null!));

        Assert.Equal("retryDelay", thrown.ParamName);
    }

    [Fact]
    public void EnsureCanMove_IllegalMove_NamesBothStatuses()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => OrderLifecycle.EnsureCanMove(OrderStatus.Delivered, OrderStatus.InProgress));

        Assert.Equal("An order cannot move from Delivered to InProgress.", thrown.Message);
    }

    [Fact]
    public void Defer_NotWaitingForAssignment_NamesTheTransitionAndStatus()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => Order(OrderStatus.Assigned).Defer(Now.AddHours(1), Now));

        Assert.Equal("Defer is not allowed for an order in Assigned.", thrown.Message);
    }

    [Fact]
    public void ReleaseExpiredClaim_LeaseEndsExactlyNow_Released()
    {
        var order = Order(OrderStatus.InProgress) with { LeaseUntil = Now, ClaimedBy = "o-1#1" };

        var released = order.ReleaseExpiredClaim(Now);

        Assert.Equal(OrderStatus.NeedsAssignment, released.Status);
    }

    [Fact]
    public void ReleaseExpiredClaim_LeaseStillHeld_SaysUntilWhen()
    {
        var order = Order(OrderStatus.InProgress) with { LeaseUntil = Now.AddSeconds(5), ClaimedBy = "o-1#1" };

        var thrown = Assert.Throws<InvalidOperationException>(() => order.ReleaseExpiredClaim(Now));

        Assert.Equal($"The claim on order o-1 holds until {Now.AddSeconds(5):O}; it has not expired.", thrown.Message);
    }
}
