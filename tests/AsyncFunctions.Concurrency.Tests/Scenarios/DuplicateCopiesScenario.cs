using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Orders;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// Three consumers on two instances take copies of the same order message (the intake message and a
/// partner duplicate of o-1) while o-2 competes for the one driver of capacity 1; at a point Coyote picks,
/// the clock jumps past the lock duration, so whatever is in flight loses its lock and is delivered again.
/// </summary>
public static class DuplicateCopiesScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options);
        await world.PutDriverAsync(0, "d-1", capacity: 1);
        await world.SubmitAsync(0, "o-1");
        await world.SubmitAsync(0, "o-2");
        // A partner resends o-1 outside the broker's duplicate-detection window: a second live copy.
        await world.SendPartnerAsync("o-1", messageId: "o-1:partner-resend");

        await Concurrently.RunAsync(
            () => world.ConsumeAsync(0, max: 3),
            () => world.ConsumeAsync(0, max: 3),
            () => world.ConsumeAsync(1, max: 3),
            () => world.AdvanceAsync(DispatchWorld.LockDuration + TimeSpan.FromSeconds(1)));

        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1", "o-2"]);
        var o1 = await world.OrderAsync("o-1");
        var o2 = await world.OrderAsync("o-2");
        var holding = new[] { o1, o2 }.Count(o => o!.Status == OrderStatus.Assigned);
        Specification.Assert(holding == 1, $"Invariant: with one driver of capacity 1, exactly one of two orders is Assigned (o-1 {o1!.Status}, o-2 {o2!.Status}).");
    }
}
