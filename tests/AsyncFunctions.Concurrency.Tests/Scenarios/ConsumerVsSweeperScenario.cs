using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Orders;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// Consumers against the sweeper re-publishing the same orders: o-1's claim (explicit, InProgress + lease)
/// expires while its consumer is still working, and o-2's retry is long overdue, so the sweeper releases the
/// one and re-publishes both while their own copies are being processed. One driver of capacity 1.
/// </summary>
public static class ConsumerVsSweeperScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options with { ClaimBeforeAssign = true });
        await world.SubmitAsync(0, "o-2");
        await world.ConsumeAsync(0); // no driver yet: o-2 waits, its retry scheduled
        await world.PutDriverAsync(0, "d-1", capacity: 1); // wakes o-2
        await world.SubmitAsync(0, "o-1");

        await Concurrently.RunAsync(
            () => world.ConsumeAsync(0, max: 1),
            () => world.ConsumeAsync(1, max: 3),
            () => world.Instance(1).Sweeper.SweepAsync(CancellationToken.None),
            // Past the lease and the stale threshold, below the lock: claims expire, retries are overdue, locks hold.
            () => world.AdvanceAsync(DispatchWorld.LeaseDuration + DispatchWorld.StaleAfter + TimeSpan.FromSeconds(1)));

        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1", "o-2"]);
        var assigned = 0;
        foreach (var id in new[] { "o-1", "o-2" })
            assigned += (await world.OrderAsync(id))!.Status == OrderStatus.Assigned ? 1 : 0;
        Specification.Assert(assigned == 1, $"Invariant: one driver of capacity 1 holds exactly one of two orders (holds {assigned}).");
    }
}
