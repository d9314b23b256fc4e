using AsyncFunctions.Concurrency.Tests.Harness;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using Microsoft.Coyote.Specifications;

namespace AsyncFunctions.Concurrency.Tests.Scenarios;

/// <summary>
/// The same order id arrives at once over HTTP (the core intake) and as a partner message being consumed
/// on another instance, with the same payload or a different one. Same: both succeed and nothing is
/// duplicated. Different: exactly one is accepted and the other refused (409, or dead-lettered as
/// PayloadConflict), and the stored order is the accepted payload.
/// </summary>
public static class IntakeVsPartnerScenario
{
    public static async Task RunAsync(WorldOptions options, bool samePayload)
    {
        using var world = new DispatchWorld(options);
        await world.PutDriverAsync(0, "d-1", capacity: 1);
        var partnerQuantity = samePayload ? 1 : 2;
        await world.SendPartnerAsync("o-1", quantity: partnerQuantity);

        var http = ResultKind.Malformed;
        await Concurrently.RunAsync(
            async () => http = (await world.SubmitAsync(0, "o-1", quantity: 1)).Kind,
            () => world.ConsumeAsync(1, max: 2));

        // A conflicting copy may be checked again later (its owner half accepted), so the verdicts are read after the drain.
        await world.DrainAsync(sweep: false);
        var partnerRefused = world.Outcomes.Any(o => o.Outcome is MessageOutcome.DeadLetter { Reason: DeadLetterReasons.PayloadConflict });
        if (samePayload)
        {
            Specification.Assert(http is ResultKind.Accepted or ResultKind.Ok, $"Invariant: an identical HTTP submit answers 202 or 200 (got {http}).");
            Specification.Assert(!partnerRefused, "Invariant: an identical partner copy is never refused.");
        }
        else
        {
            var httpRefused = http == ResultKind.Conflict;
            Specification.Assert(httpRefused != partnerRefused,
                $"Invariant: of two different payloads exactly one is refused (HTTP {http}, partner refused {partnerRefused}).");
            var winner = OrderParser.Parse(Bodies.Order("o-1", quantity: httpRefused ? partnerQuantity : 1), world.Clock.GetUtcNow()).Value!;
            var stored = await world.OrderAsync("o-1");
            Specification.Assert(stored?.PayloadHash == OrderFingerprint.Hash(winner), "Invariant: the stored order is the accepted payload, never the refused one.");
        }

        await world.AuditAsync(["o-1"]);
        Specification.Assert(world.Monitor.AssignmentsOf("o-1") == 1, $"Invariant: o-1 is assigned exactly once ({world.Monitor.AssignmentsOf("o-1")}).");
    }
}
