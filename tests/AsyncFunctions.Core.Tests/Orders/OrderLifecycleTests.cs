using AsyncFunctions.Core.Orders;

namespace AsyncFunctions.Core.Tests.Orders;

public sealed class OrderLifecycleTests
{
    /// <summary>The legal moves, written out independently of the implementation (ARCHITECTURE.md, the flow).</summary>
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Legal =
    [
        (OrderStatus.NeedsAssignment, OrderStatus.InProgress),
        (OrderStatus.NeedsAssignment, OrderStatus.DeadLettered),
        (OrderStatus.InProgress, OrderStatus.Assigned),
        (OrderStatus.InProgress, OrderStatus.AwaitingDriver),
        (OrderStatus.InProgress, OrderStatus.NeedsAssignment),
        (OrderStatus.InProgress, OrderStatus.DeadLettered),
        (OrderStatus.AwaitingDriver, OrderStatus.InProgress),
        (OrderStatus.AwaitingDriver, OrderStatus.DeadLettered),
        (OrderStatus.Assigned, OrderStatus.Delivered),
        (OrderStatus.DeadLettered, OrderStatus.NeedsAssignment),
    ];

    public static TheoryData<OrderStatus, OrderStatus, bool> EveryPair()
    {
        var data = new TheoryData<OrderStatus, OrderStatus, bool>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
                data.Add(from, to, Legal.Contains((from, to)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_EveryPair_MatchesTheTable(OrderStatus from, OrderStatus to, bool legal)
    {
        Assert.Equal(legal, OrderLifecycle.CanMove(from, to));
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void EnsureCanMove_IllegalPair_Throws(OrderStatus from, OrderStatus to, bool legal)
    {
        var ex = Record.Exception(() => OrderLifecycle.EnsureCanMove(from, to));

        if (legal)
            Assert.Null(ex);
        else
            Assert.IsType<InvalidOperationException>(ex);
    }

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment, false)]
    [InlineData(OrderStatus.InProgress, false)]
    [InlineData(OrderStatus.AwaitingDriver, false)]
    [InlineData(OrderStatus.Assigned, true)]
    [InlineData(OrderStatus.Delivered, true)]
    [InlineData(OrderStatus.DeadLettered, true)]
    public void IsResolved_EachStatus(OrderStatus status, bool resolved) =>
        Assert.Equal(resolved, OrderLifecycle.IsResolved(status));
}
