using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>
/// The check the fault audit and the Coyote scenarios run on every order's history: each way a history can disagree
/// with its order, word for word, and the histories that agree.
/// </summary>
public sealed class OrderHistoryCheckTests : IDisposable
{
    private const string Accepted = OrderEventTypes.OrderAccepted;
    private const string Assigned = OrderEventTypes.DriverAssigned;
    private const string Awaiting = OrderEventTypes.AwaitingDriver;
    private const string Delivered = OrderEventTypes.OrderDelivered;
    private const string DeadLettered = OrderEventTypes.OrderDeadLettered;
    private const string Replayed = OrderEventTypes.OrderReplayed;

    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<OrderRecord> OrderAsync(OrderStatus status, int eventSequence, string? driverId = null)
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        return (await _h.OrderAsync("o-1"))! with { Status = status, EventSequence = eventSequence, DriverId = driverId };
    }

    private static List<OrderEvent> History(params string[] types) =>
        [.. types.Select((type, i) => Event(i + 1, type))];

    private static OrderEvent Event(int sequence, string type, string driverId = "d-1") => new()
    {
        Stream = "o-1",
        Sequence = sequence,
        Type = type,
        Subject = "o-1",
        Time = DateTimeOffset.UnixEpoch,
        Partner = "",
        Data = type == Assigned ? $$"""{"orderId":"o-1","driverId":"{{driverId}}"}""" : """{"orderId":"o-1"}""",
    };

    [Fact]
    public async Task AssignedOrder_AcceptedThenAssignedToItsDriver_Agrees()
    {
        var order = await OrderAsync(OrderStatus.Assigned, 2, "d-1");

        Assert.Empty(OrderHistoryCheck.Disagreements(order, History(Accepted, Assigned)));
    }

    [Fact]
    public async Task History_GivenOutOfOrder_IsCheckedInSequenceOrder()
    {
        var order = await OrderAsync(OrderStatus.Assigned, 2, "d-1");

        Assert.Empty(OrderHistoryCheck.Disagreements(order, [Event(2, Assigned), Event(1, Accepted)]));
    }

    [Fact]
    public async Task OrderCountsMoreEventsThanStored_NamesTheNumbersAndTheCount()
    {
        var order = await OrderAsync(OrderStatus.Assigned, 3, "d-1");

        Assert.Equal(["o-1: history numbered [1,2] but the order counts 3"], OrderHistoryCheck.Disagreements(order, History(Accepted, Assigned)));
    }

    [Fact]
    public async Task HistoryWithAGap_IsOneDisagreementAndNothingElseIsChecked()
    {
        var order = await OrderAsync(OrderStatus.Delivered, 2, "d-1");

        // Numbered 1, 3: the count matches but a number is missing; the wrong last event is not reported on top.
        Assert.Equal(["o-1: history numbered [1,3] but the order counts 2"],
            OrderHistoryCheck.Disagreements(order, [Event(1, Accepted), Event(3, Assigned)]));
    }

    [Fact]
    public async Task EmptyHistory_OfAnOrderWithNoEvents_DoesNotStartWithOrderAccepted()
    {
        var order = await OrderAsync(OrderStatus.NeedsAssignment, 0);

        Assert.Equal(["o-1: history does not start with OrderAccepted"], OrderHistoryCheck.Disagreements(order, []));
    }

    [Fact]
    public async Task HistoryStartingWithAnotherEvent_SaysSoOnce()
    {
        var order = await OrderAsync(OrderStatus.AwaitingDriver, 2);

        Assert.Equal(["o-1: history does not start with OrderAccepted"], OrderHistoryCheck.Disagreements(order, History(Awaiting, Awaiting)));
    }

    [Fact]
    public async Task IllegalSuccessor_IsNamedWithItsNumberAndWhatItFollows()
    {
        var order = await OrderAsync(OrderStatus.Delivered, 2, "d-1");

        Assert.Equal(
            ["o-1: OrderDelivered (#2) cannot follow OrderAccepted", "o-1: Delivered but its history has no DriverAssigned"],
            OrderHistoryCheck.Disagreements(order, History(Accepted, Delivered)));
    }

    [Theory]
    [InlineData(OrderStatus.Assigned)]
    [InlineData(OrderStatus.DeadLettered)]
    public async Task LastEventOfAnotherState_IsNamed(OrderStatus status)
    {
        // Accepted then waiting: legal, but neither Assigned nor DeadLettered is where it ends.
        var order = await OrderAsync(status, 2, status == OrderStatus.Assigned ? "d-1" : null);

        var disagreements = OrderHistoryCheck.Disagreements(order, History(Accepted, Awaiting));

        Assert.Equal($"o-1: {status} but its history ends with AwaitingDriver", disagreements[0]);
    }

    [Fact]
    public async Task AssignedOrderWithoutAnyAssignmentEvent_IsReportedNotThrown()
    {
        var order = await OrderAsync(OrderStatus.Assigned, 2, "d-1");

        Assert.Equal(
            ["o-1: Assigned but its history ends with AwaitingDriver", "o-1: Assigned but its history has no DriverAssigned"],
            OrderHistoryCheck.Disagreements(order, History(Accepted, Awaiting)));
    }

    [Fact]
    public async Task AssignedOrder_WhoseEventNamesAnotherDriver_IsCaught()
    {
        var order = await OrderAsync(OrderStatus.Assigned, 2, "d-2");

        Assert.Equal(["o-1: DriverAssigned names another driver than d-2"], OrderHistoryCheck.Disagreements(order, History(Accepted, Assigned)));
    }

    [Fact]
    public async Task DeliveredOrder_ReassignedAfterAReplay_IsJudgedByItsLastAssignment()
    {
        var order = await OrderAsync(OrderStatus.Delivered, 6, "d-2");
        List<OrderEvent> history =
        [
            Event(1, Accepted), Event(2, DeadLettered), Event(3, Replayed), Event(4, Awaiting), Event(5, Assigned, "d-2"), Event(6, Delivered),
        ];

        Assert.Empty(OrderHistoryCheck.Disagreements(order, history));
        Assert.Equal(["o-1: DriverAssigned names another driver than d-1"],
            OrderHistoryCheck.Disagreements(order with { DriverId = "d-1" }, history));
    }

    [Theory]
    [InlineData(OrderStatus.NeedsAssignment, Accepted)]
    [InlineData(OrderStatus.InProgress, Awaiting)]
    [InlineData(OrderStatus.NeedsAssignment, Replayed)]
    public async Task OrderStillOpen_MayEndWithAcceptedReplayedOrAwaiting(OrderStatus status, string last)
    {
        var types = last switch
        {
            Accepted => new[] { Accepted },
            Awaiting => [Accepted, Awaiting],
            _ => [Accepted, DeadLettered, Replayed],
        };
        var order = await OrderAsync(status, types.Length);

        Assert.Empty(OrderHistoryCheck.Disagreements(order, History(types)));
    }

    [Fact]
    public async Task OpenOrderEndingWithDriverAssigned_IsAnEventForAStateNeverReached()
    {
        var order = await OrderAsync(OrderStatus.NeedsAssignment, 2);

        Assert.Equal(["o-1: NeedsAssignment but its history ends with DriverAssigned"], OrderHistoryCheck.Disagreements(order, History(Accepted, Assigned)));
    }

    [Fact]
    public async Task EverySuccessorTheLifecycleAllows_Agrees()
    {
        // Waiting twice, dead-lettered, replayed, waiting, assigned, delivered: every step legal.
        var order = await OrderAsync(OrderStatus.Delivered, 8, "d-1");

        Assert.Empty(OrderHistoryCheck.Disagreements(order, History(Accepted, Awaiting, Awaiting, DeadLettered, Replayed, Awaiting, Assigned, Delivered)));
    }

    [Theory]
    [InlineData(Delivered, Assigned)]
    [InlineData(Assigned, Assigned)]
    [InlineData(DeadLettered, Assigned)]
    [InlineData(Replayed, Delivered)]
    public async Task SuccessorTheLifecycleForbids_IsNamed(string before, string after)
    {
        var order = await OrderAsync(OrderStatus.Delivered, 3, "d-1");

        var disagreements = OrderHistoryCheck.Disagreements(order, History(Accepted, before, after));

        Assert.Contains($"o-1: {OrderEventTypes.ShortName(after)} (#3) cannot follow {OrderEventTypes.ShortName(before)}", disagreements);
    }
}
