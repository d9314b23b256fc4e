using AsyncFunctions.Core.Events;
using AsyncFunctions.LoadGen.Follow;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class FollowedOrderTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_OutOfSequenceOrder_StatusIsTheHighestSequencesAndLatencyWaitsForBoth()
    {
        var order = new FollowedOrder();

        var assigned = order.Apply(new FollowedEvent("o/000002", OrderEventTypes.DriverAssigned, "o", 2, At.AddMilliseconds(40), "Assigned"));
        Assert.Null(order.SubmitToAssignedMs);
        var accepted = order.Apply(new FollowedEvent("o/000001", OrderEventTypes.OrderAccepted, "o", 1, At, "NeedsAssignment"));

        Assert.Equal((true, true), assigned);
        Assert.Equal((false, false), accepted);
        Assert.Equal("Assigned", order.Status);
        Assert.True(order.IsAssigned);
        Assert.Equal(40, order.SubmitToAssignedMs);
    }

    [Fact]
    public void Apply_DriverAssignedTwice_FirstOnlyCounts()
    {
        var order = new FollowedOrder();
        order.Apply(new FollowedEvent("o/000002", OrderEventTypes.DriverAssigned, "o", 2, At, "Assigned"));

        Assert.Equal((false, false), order.Apply(new FollowedEvent("o/000002", OrderEventTypes.DriverAssigned, "o", 2, At, "Assigned")));
    }

    [Fact]
    public void Apply_DeadLettered_IsFinalButNotAssigned()
    {
        var order = new FollowedOrder();

        Assert.Equal((true, false), order.Apply(new FollowedEvent("o/000002", OrderEventTypes.OrderDeadLettered, "o", 2, At, "DeadLettered")));
        Assert.True(order.IsDeadLettered);
        Assert.False(order.IsAssigned);
    }
}
