using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Orders;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// An old copy of o-1 reaches the dead-letter queue (delivery count exhausted) while the sweeper's newer copy
/// is live: the recorder marking the order races the consumer assigning it. The monitor checks after every
/// write that an Assigned order never moves back; whichever wins, the end state is consistent.
/// </summary>
public static class DeadLetterVsLiveCopyScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options with { MaxDeliveryCount = 2 });
        await world.PutDriverAsync(0, "d-1", capacity: 1);
        await world.SubmitAsync(0, "o-1");
        for (var delivery = 0; delivery < 2; delivery++)
            await (await world.Queue.ReceiveAsync(TimeSpan.Zero))!.AbandonAsync(); // the old copy, poisoned
        world.Clock.Advance(DispatchWorld.StaleAfter + TimeSpan.FromSeconds(1));
        await world.Instance(0).Sweeper.SweepAsync(CancellationToken.None); // the newer, live copy

        await Concurrently.RunAsync(
            () => world.RecordDeadLettersAsync(0, max: 1),
            () => world.ConsumeAsync(1, max: 2));

        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1"], poisonPlanted: true);
        var order = (await world.OrderAsync("o-1"))!;
        Specification.Assert(order.Status is OrderStatus.Assigned or OrderStatus.DeadLettered, $"Invariant: o-1 ends Assigned or DeadLettered (is {order.Status}).");
        Specification.Assert(world.Monitor.AssignmentsOf("o-1") == (order.Status == OrderStatus.Assigned ? 1 : 0),
            $"Invariant: o-1 ended {order.Status} after {world.Monitor.AssignmentsOf("o-1")} assignments.");
    }
}
