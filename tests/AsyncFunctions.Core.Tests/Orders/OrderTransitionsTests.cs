using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Orders;

/// <summary>The order aggregate: every transition from every status, and the fields each legal one sets.</summary>
public sealed class OrderTransitionsTests
{
    private static readonly DateTimeOffset Then = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddMinutes(10);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>An order with every lifecycle field set (its lease long expired), so a transition that clears one shows.</summary>
    private static OrderRecord Order(OrderStatus status) => new()
    {
        OrderId = "o-1",
        Zone = "zone-a",
        Status = status,
        DriverId = status is OrderStatus.Assigned or OrderStatus.Delivered ? "d-1" : null,
        Attempts = 2,
        CreatedAt = Then,
        UpdatedAt = Then,
        LastError = "earlier error",
        PayloadHash = "hash",
        Payload = "{}",
        NextAttemptAt = Then.AddMinutes(1),
        LeaseUntil = Then.AddSeconds(30),
        ClaimedBy = "o-1#1",
        AwaitingSince = Then,
        ETag = "etag-1",
    };

    private static TimeSpan RetryDelay(int attempt) => TimeSpan.FromSeconds(attempt * 10);

    private static readonly Dictionary<string, Func<OrderRecord, OrderRecord>> Transitions = new()
    {
        ["Claim"] = o => o.Claim("o-1#2", Now, Lease),
        ["ClaimOptimistically"] = o => o.ClaimOptimistically(Now),
        ["Assign"] = o => o.Assign("d-9", Now),
        ["AwaitDriver"] = o => o.AwaitDriver(Now, RetryDelay),
        ["GiveUpWaiting"] = o => o.GiveUpWaiting(Now),
        ["Defer"] = o => o.Defer(Now.AddHours(1), Now),
        ["ReleaseExpiredClaim"] = o => o.ReleaseExpiredClaim(Now),
        ["MarkRepublished"] = o => o.MarkRepublished(Now),
        ["MarkDeadLettered"] = o => o.MarkDeadLettered("InvalidOrder", "zone: is required.", Now),
        ["Revive"] = o => o.Revive(Now),
        ["Deliver"] = o => o.Deliver(Now),
    };

    /// <summary>Where each transition may start, and the status it ends in.</summary>
    private static readonly Dictionary<string, (OrderStatus[] From, OrderStatus? To)> Legal = new()
    {
        ["Claim"] = ([OrderStatus.NeedsAssignment, OrderStatus.AwaitingDriver, OrderStatus.InProgress], OrderStatus.InProgress),
        ["ClaimOptimistically"] = ([OrderStatus.NeedsAssignment, OrderStatus.AwaitingDriver, OrderStatus.InProgress], OrderStatus.InProgress),
        ["Assign"] = ([OrderStatus.InProgress], OrderStatus.Assigned),
        ["AwaitDriver"] = ([OrderStatus.InProgress], OrderStatus.AwaitingDriver),
        ["GiveUpWaiting"] = ([OrderStatus.InProgress], OrderStatus.AwaitingDriver),
        ["Defer"] = ([OrderStatus.NeedsAssignment], null),
        ["ReleaseExpiredClaim"] = ([OrderStatus.InProgress], OrderStatus.NeedsAssignment),
        ["MarkRepublished"] = ([OrderStatus.NeedsAssignment, OrderStatus.AwaitingDriver], null),
        ["MarkDeadLettered"] = ([OrderStatus.NeedsAssignment, OrderStatus.InProgress, OrderStatus.AwaitingDriver], OrderStatus.DeadLettered),
        ["Revive"] = ([OrderStatus.DeadLettered], OrderStatus.NeedsAssignment),
        ["Deliver"] = ([OrderStatus.Assigned], OrderStatus.Delivered),
    };

    public static TheoryData<string, OrderStatus> EveryTransitionFromEveryStatus()
    {
        var data = new TheoryData<string, OrderStatus>();
        foreach (var transition in Transitions.Keys)
        {
            foreach (var status in Enum.GetValues<OrderStatus>())
                data.Add(transition, status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTransitionFromEveryStatus))]
    public void Transition_FromEveryStatus_MovesWhenLegalAndThrowsOtherwise(string transition, OrderStatus from)
    {
        var (legalFrom, to) = Legal[transition];
        var order = Order(from);

        OrderRecord? moved = null;
        var error = Record.Exception(() => moved = Transitions[transition](order));

        if (legalFrom.Contains(from))
        {
            Assert.Null(error);
            Assert.NotNull(moved);
            Assert.Equal(to ?? from, moved.Status);
            // An optimistic claim of an order already InProgress is the order as read (see ClaimOptimistically_AlreadyInProgress_ChangesNothing).
            Assert.Equal(transition == "ClaimOptimistically" && from == OrderStatus.InProgress ? Then : Now, moved.UpdatedAt);
            Assert.Equal(order.ETag, moved.ETag); // the write that stores it is still guarded by the ETag read
        }
        else
        {
            Assert.IsType<InvalidOperationException>(error);
        }
    }

    [Fact]
    public void TransitionTable_EveryTransitionIsListed()
    {
        Assert.Equal(Transitions.Keys.Order(), Legal.Keys.Order());
    }

    [Fact]
    public void Accept_NewOrder_NeedsAssignmentDueAtTheGivenTime()
    {
        var request = new OrderRequest("o-1", "zone-a", new GeoPoint(1, 2), new GeoPoint(3, 4), [new OrderItem("sku", 1)], null, null, null);

        var order = OrderLifecycle.Accept(request, "{}", "hash", "partner", "corr-1", Now, Now.AddHours(1));

        Assert.Equal(OrderStatus.NeedsAssignment, order.Status);
        Assert.Equal(("o-1", "zone-a", "{}", "hash", "partner", "corr-1"), (order.OrderId, order.Zone, order.Payload, order.PayloadHash, order.Source, order.CorrelationId));
        Assert.Equal((Now, Now, Now.AddHours(1)), (order.CreatedAt, order.UpdatedAt, order.NextAttemptAt));
        Assert.Equal((0, null, null, null, null, null), (order.Attempts, order.DriverId, order.LeaseUntil, order.ClaimedBy, order.AwaitingSince, order.LastError));
    }

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.InProgress)]
    public void Claim_Written_HoldsALeaseForThisMessage(OrderStatus from)
    {
        var claimed = Order(from).Claim("o-1#2", Now, Lease);

        Assert.Equal((Now + Lease, "o-1#2"), (claimed.LeaseUntil, claimed.ClaimedBy));
        Assert.Equal(Order(from).NextAttemptAt, claimed.NextAttemptAt);
    }

    [Fact]
    public void ClaimOptimistically_AlreadyInProgress_ChangesNothing()
    {
        var order = Order(OrderStatus.InProgress);

        Assert.Same(order, order.ClaimOptimistically(Now));
    }

    [Fact]
    public void ClaimOptimistically_Waiting_InProgressWithoutALease()
    {
        var claimed = Order(OrderStatus.AwaitingDriver).ClaimOptimistically(Now);

        Assert.Equal(OrderStatus.InProgress, claimed.Status);
        Assert.Equal((Order(OrderStatus.AwaitingDriver).LeaseUntil, Order(OrderStatus.AwaitingDriver).ClaimedBy), (claimed.LeaseUntil, claimed.ClaimedBy));
    }

    [Fact]
    public void Assign_Claimed_SetsDriverAndClearsClaimDueTimeAndError()
    {
        var assigned = Order(OrderStatus.InProgress).Assign("d-9", Now);

        Assert.Equal("d-9", assigned.DriverId);
        Assert.Equal((null, null, null, null), (assigned.LeaseUntil, assigned.ClaimedBy, assigned.NextAttemptAt, assigned.LastError));
        Assert.Equal(2, assigned.Attempts);
    }

    [Fact]
    public void AwaitDriver_Claimed_CountsTheAttemptAndIsDueAfterItsDelay()
    {
        var waiting = Order(OrderStatus.InProgress).AwaitDriver(Now, RetryDelay);

        Assert.Equal(3, waiting.Attempts);
        Assert.Equal(Now.AddSeconds(30), waiting.NextAttemptAt);
        Assert.Equal(Then, waiting.AwaitingSince); // the wait started the first time, not now
        Assert.Equal((null, null), (waiting.LeaseUntil, waiting.ClaimedBy));
        Assert.Equal("No available driver with spare capacity in zone 'zone-a' (attempt 3).", waiting.LastError);
    }

    [Fact]
    public void AwaitDriver_FirstTime_WaitStartsNow()
    {
        var waiting = (Order(OrderStatus.InProgress) with { AwaitingSince = null, Attempts = 0 }).AwaitDriver(Now, RetryDelay);

        Assert.Equal(Now, waiting.AwaitingSince);
        Assert.Equal((1, Now.AddSeconds(10)), (waiting.Attempts, waiting.NextAttemptAt));
    }

    [Fact]
    public void GiveUpWaiting_Claimed_DueNowWithTheReasonAndAttemptsKept()
    {
        var given = Order(OrderStatus.InProgress).GiveUpWaiting(Now);

        Assert.Equal(Now, given.NextAttemptAt);
        Assert.Equal((null, null), (given.LeaseUntil, given.ClaimedBy));
        Assert.Equal("No driver became available in time; dead-lettered.", given.LastError);
        Assert.Equal((2, Then), (given.Attempts, given.AwaitingSince));
    }

    [Fact]
    public void Defer_Waiting_DueAtTheScheduledTime()
    {
        var deferred = Order(OrderStatus.NeedsAssignment).Defer(Now.AddHours(1), Now);

        Assert.Equal(Now.AddHours(1), deferred.NextAttemptAt);
    }

    [Fact]
    public void ReleaseExpiredClaim_LeaseRunOut_NeedsAssignmentDueNowUnclaimed()
    {
        var released = Order(OrderStatus.InProgress).ReleaseExpiredClaim(Now);

        Assert.Equal((null, null, Now), (released.LeaseUntil, released.ClaimedBy, released.NextAttemptAt));
    }

    [Fact]
    public void ReleaseExpiredClaim_LeaseStillHeld_Throws()
    {
        var held = Order(OrderStatus.InProgress) with { LeaseUntil = Now.AddSeconds(1) };

        Assert.Throws<InvalidOperationException>(() => held.ReleaseExpiredClaim(Now));
    }

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment)]
    [InlineData(OrderStatus.AwaitingDriver)]
    public void MarkRepublished_Waiting_DueNowAndOtherwiseUnchanged(OrderStatus from)
    {
        var order = Order(from);

        var republished = order.MarkRepublished(Now);

        Assert.Equal(order with { NextAttemptAt = Now, UpdatedAt = Now }, republished);
    }

    [Fact]
    public void MarkDeadLettered_Unresolved_KeepsTheReasonAndNothingIsDue()
    {
        var dead = Order(OrderStatus.AwaitingDriver).MarkDeadLettered("NoDriverAvailable", "waited 30 min", Now);

        Assert.Equal("NoDriverAvailable: waited 30 min", dead.LastError);
        Assert.Equal((null, null, null), (dead.LeaseUntil, dead.ClaimedBy, dead.NextAttemptAt));
    }

    [Fact]
    public void Revive_DeadLettered_DueNowWithAFreshWaitBudget()
    {
        var revived = Order(OrderStatus.DeadLettered).Revive(Now);

        Assert.Equal((null, Now, null), (revived.AwaitingSince, revived.NextAttemptAt, revived.LastError));
    }

    [Fact]
    public void Deliver_Assigned_KeepsTheDriver()
    {
        var delivered = Order(OrderStatus.Assigned).Deliver(Now);

        Assert.Equal("d-1", delivered.DriverId);
        // Nothing else changes; the one event it raises is checked in OrderTransitionEventsTests.
        Assert.Equal(Order(OrderStatus.Assigned) with { Status = OrderStatus.Delivered, UpdatedAt = Now, Raised = delivered.Raised }, delivered);
        Assert.Single(delivered.Raised);
    }
}
