using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// The same dead letter replayed twice at once, on two instances, while a consumer takes whatever the
/// replays send: both answer 202, the order is revived once and assigned once.
/// </summary>
public static class ReplayTwiceScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options with { MaxDeliveryCount = 2 });
        await world.SubmitAsync(0, "o-1");
        for (var delivery = 0; delivery < 2; delivery++)
            await (await world.Queue.ReceiveAsync(TimeSpan.Zero))!.AbandonAsync();
        await world.RecordDeadLettersAsync(0); // o-1 DeadLettered, its message kept
        var deadLetter = (await world.Instance(0).Replayer.ListAsync(10, CancellationToken.None)).Single();
        await world.PutDriverAsync(0, "d-1", capacity: 1);

        ResultKind first = ResultKind.Malformed, second = ResultKind.Malformed;
        await Concurrently.RunAsync(
            async () => first = (await world.Instance(0).Replayer.ReplayAsync(deadLetter.Id, CancellationToken.None)).Kind,
            async () => second = (await world.Instance(1).Replayer.ReplayAsync(deadLetter.Id, CancellationToken.None)).Kind,
            () => world.ConsumeAsync(1, max: 2));

        Specification.Assert(first == ResultKind.Accepted && second == ResultKind.Accepted, $"Invariant: both replays answer 202 (got {first}, {second}).");
        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1"], poisonPlanted: true);
        var order = (await world.OrderAsync("o-1"))!;
        Specification.Assert(order.Status == OrderStatus.Assigned && world.Monitor.AssignmentsOf("o-1") == 1,
            $"Invariant: the replayed order is assigned once (is {order.Status}, {world.Monitor.AssignmentsOf("o-1")} assignments).");
    }
}
