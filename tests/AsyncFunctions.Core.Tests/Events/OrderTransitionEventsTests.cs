using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>Which transition raises which event: exactly one per state change an outsider cares about, none otherwise.</summary>
public sealed class OrderTransitionEventsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 10, 0, TimeSpan.Zero);

    private static OrderRecord Order(OrderStatus status) => new()
    {
        OrderId = "o-1",
        Zone = "zone-a",
        Status = status,
        DriverId = status is OrderStatus.Assigned ? "d-1" : null,
        PayloadHash = "hash",
        Payload = "{}",
        CreatedAt = Now.AddMinutes(-10),
        LeaseUntil = Now.AddMinutes(-1),
        EventSequence = 4,
    };

    public static TheoryData<string, string?> Cases => new()
    {
        { "Assign", OrderEventTypes.DriverAssigned },
        { "AwaitDriver", OrderEventTypes.AwaitingDriver },
        { "MarkDeadLettered", OrderEventTypes.OrderDeadLettered },
        { "Revive", OrderEventTypes.OrderReplayed },
        { "Deliver", OrderEventTypes.OrderDelivered },
        { "Claim", null },
        { "ClaimOptimistically", null },
        { "GiveUpWaiting", null },
        { "Defer", null },
        { "ReleaseExpiredClaim", null },
        { "MarkRepublished", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transition_RaisesItsEventOrNone(string transition, string? expected)
    {
        var after = transition switch
        {
            "Assign" => Order(OrderStatus.InProgress).Assign("d-9", Now),
            "AwaitDriver" => Order(OrderStatus.InProgress).AwaitDriver(Now, _ => TimeSpan.FromSeconds(5)),
            "MarkDeadLettered" => Order(OrderStatus.AwaitingDriver).MarkDeadLettered("NoDriverAvailable", "none", Now),
            "Revive" => Order(OrderStatus.DeadLettered).Revive(Now),
            "Deliver" => Order(OrderStatus.Assigned).Deliver(Now),
            "Claim" => Order(OrderStatus.NeedsAssignment).Claim("o-1#1", Now, TimeSpan.FromSeconds(30)),
            "ClaimOptimistically" => Order(OrderStatus.NeedsAssignment).ClaimOptimistically(Now),
            "GiveUpWaiting" => Order(OrderStatus.InProgress).GiveUpWaiting(Now),
            "Defer" => Order(OrderStatus.NeedsAssignment).Defer(Now.AddHours(1), Now),
            "ReleaseExpiredClaim" => Order(OrderStatus.InProgress).ReleaseExpiredClaim(Now),
            "MarkRepublished" => Order(OrderStatus.NeedsAssignment).MarkRepublished(Now),
            _ => throw new ArgumentOutOfRangeException(nameof(transition)),
        };

        Assert.Equal(expected is null ? [] : [expected], after.Raised.Select(e => e.Type));
        Assert.All(after.Raised, e => Assert.Equal(Now, e.Time));
    }

    [Fact]
    public void Plan_RaisedEvents_NumberedAfterTheStoredOnesWithRowAndMarkerEach()
    {
        var assigned = Order(OrderStatus.InProgress).Assign("d-9", Now);

        var plan = OrderEventPlan.For(assigned);

        var stored = Assert.Single(plan.Events);
        Assert.Equal(("o-1/000005", 5, "o-1"), (stored.Id, stored.Sequence, stored.Subject));
        Assert.Equal([EventKeys.EventRow("o-1", 5), EventKeys.MarkerRow("o-1", 5)], plan.Actions.Select(a => a.Row.RowKey));
        Assert.All(plan.Actions, a => Assert.Equal("zone-a", a.Row.PartitionKey));
        Assert.Equal(5, plan.Order.EventSequence);
        Assert.Empty(plan.Order.Raised);
        Assert.Contains("\"driverId\":\"d-9\"", stored.Data, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Assigned\"", stored.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Accept_NewOrder_RaisesOrderAcceptedWithoutCustomerData()
    {
        var request = OrderParser.Parse(OrderBodies.Order("o-1").Bytes(), Now).Value!;
        var accepted = OrderLifecycle.Accept(request, "{}", "hash", "acme", null, Now, Now);

        var stored = Assert.Single(OrderEventPlan.For(accepted).Events);

        Assert.Equal(OrderEventTypes.OrderAccepted, stored.Type);
        Assert.Equal("acme", stored.Partner);
        Assert.DoesNotContain("customer-7", stored.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("pizza", stored.Data, StringComparison.Ordinal);
    }
}
