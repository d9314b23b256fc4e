using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// Delivery of o-1 (frees the driver's only slot and wakes o-2, which is AwaitingDriver) against the
/// assignment of a new order o-3 in the same zone, on two instances.
/// </summary>
public static class DeliveryVsAssignmentScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options);
        await world.PutDriverAsync(0, "d-1", capacity: 1);
        await world.SubmitAsync(0, "o-1");
        await world.ConsumeAsync(0); // o-1 Assigned to d-1
        await world.SubmitAsync(0, "o-2");
        await world.ConsumeAsync(0); // o-2 AwaitingDriver, retry scheduled
        await world.SubmitAsync(0, "o-3");

        var delivered = ResultKind.Malformed;
        await Concurrently.RunAsync(
            async () => delivered = (await world.Instance(0).Delivery.MarkDeliveredAsync("o-1", CancellationToken.None)).Kind,
            () => world.ConsumeAsync(1, max: 3),
            () => world.ConsumeAsync(0, max: 3));

        Specification.Assert(delivered == ResultKind.Ok, $"Invariant: delivering an Assigned order answers Ok (got {delivered}).");
        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1", "o-2", "o-3"]);
        Specification.Assert((await world.OrderAsync("o-1"))!.Status == OrderStatus.Delivered, "Invariant: o-1 stays Delivered.");
        var assigned = 0;
        foreach (var id in new[] { "o-2", "o-3" })
            assigned += (await world.OrderAsync(id))!.Status == OrderStatus.Assigned ? 1 : 0;
        Specification.Assert(assigned == 1, $"Invariant: the freed slot goes to exactly one of o-2 and o-3 (went to {assigned}).");
    }
}
