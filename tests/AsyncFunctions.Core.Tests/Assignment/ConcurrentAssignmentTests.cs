using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Assignment;

/// <summary>Invariant 2 under real concurrency: no order assigned twice, no driver over capacity.</summary>
public sealed class ConcurrentAssignmentTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<MessageOutcome[]> ProcessInParallelAsync(IEnumerable<InboundMessage> messages) =>
        await Task.WhenAll(messages.Select(m => Task.Run(async () => (await _h.ProcessAsync(m)).Outcome)));

    [Fact]
    public async Task ProcessAsync_ManyCopiesOfOneOrderAtOnce_AssignedExactlyOnce()
    {
        await _h.AddDriverAsync("d-1", capacity: 5);
        await _h.AddDriverAsync("d-2", capacity: 5);
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));

        var outcomes = await ProcessInParallelAsync(
            Enumerable.Range(0, 12).Select(i => message with { SequenceNumber = message.SequenceNumber + i }));

        Assert.All(outcomes, o => Assert.True(o is MessageOutcome.Complete or MessageOutcome.RetryLater, o.ToString()));
        Assert.Contains(outcomes, o => o is MessageOutcome.Complete);
        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        var active = (await _h.DriverAsync("d-1"))!.ActiveOrders + (await _h.DriverAsync("d-2"))!.ActiveOrders;
        Assert.Equal(1, active);
    }

    [Fact]
    public async Task ProcessAsync_MoreOrdersThanCapacityAtOnce_NoDriverOverCapacityAndCountsMatch()
    {
        var capacities = new Dictionary<string, int> { ["d-1"] = 4, ["d-2"] = 3, ["d-3"] = 3 };
        foreach (var (id, capacity) in capacities)
            await _h.AddDriverAsync(id, capacity: capacity, lat: OrderBodies.PickupLat + capacity * 0.001);
        var messages = new List<InboundMessage>();
        for (var i = 0; i < 30; i++)
            messages.Add(await _h.SubmitAndReceiveAsync(OrderBodies.Order($"o-{i:D2}")));

        var outcomes = await ProcessInParallelAsync(messages);

        Assert.DoesNotContain(outcomes, o => o is MessageOutcome.DeadLetter);
        var orders = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => _h.OrderAsync($"o-{i:D2}")));
        var assignedPerDriver = orders.Where(o => o!.Status == OrderStatus.Assigned).GroupBy(o => o!.DriverId!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (id, capacity) in capacities)
        {
            var driver = await _h.DriverAsync(id);
            Assert.InRange(driver!.ActiveOrders, 0, capacity);
            Assert.Equal(assignedPerDriver.GetValueOrDefault(id), driver.ActiveOrders);
        }

        // Every order not assigned is waiting for a retry (or, after too many conflicts, abandoned for redelivery).
        Assert.All(orders.Where(o => o!.Status != OrderStatus.Assigned),
            o => Assert.Contains(o!.Status, new[] { OrderStatus.AwaitingDriver, OrderStatus.InProgress, OrderStatus.NeedsAssignment }));
    }
}
