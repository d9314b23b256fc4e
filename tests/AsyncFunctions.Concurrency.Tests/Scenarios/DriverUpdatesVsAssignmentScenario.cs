using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Results;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// The driver is updated (capacity up, capacity down, then a move to another zone) while two orders are
/// assigned on two instances. Each update either applies or is refused with 409; after every write the
/// monitor checks, in both zones, that the driver holds exactly its Assigned orders within capacity.
/// </summary>
public static class DriverUpdatesVsAssignmentScenario
{
    public static async Task RunAsync(WorldOptions options)
    {
        using var world = new DispatchWorld(options);
        await world.PutDriverAsync(0, "d-1", capacity: 1);
        await world.SubmitAsync(0, "o-1");
        await world.SubmitAsync(0, "o-2");

        var answers = new List<ResultKind>();
        await Concurrently.RunAsync(
            () => world.ConsumeAsync(0, max: 2),
            () => world.ConsumeAsync(1, max: 2),
            async () =>
            {
                answers.Add((await world.PutDriverAsync(1, "d-1", capacity: 2)).Kind);
                answers.Add((await world.PutDriverAsync(1, "d-1", capacity: 1)).Kind);
                answers.Add((await world.PutDriverAsync(1, "d-1", zone: Bodies.OtherZone, capacity: 1)).Kind);
            });

        Specification.Assert(answers.All(a => a is ResultKind.Ok or ResultKind.Created or ResultKind.Conflict),
            $"Invariant: every driver update applies or is refused with 409 (got {string.Join(", ", answers)}).");
        await world.DrainAsync(sweep: false);
        await world.AuditAsync(["o-1", "o-2"]);
    }
}
