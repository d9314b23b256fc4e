using System.Collections.Concurrent;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Testing.Faults;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// Submits the orders: most over intake, with client retries after failures (the client cannot know
/// whether a crashed request was applied), the rest as partner messages; plus partner duplicates and
/// conflicting copies as the plan says.
/// </summary>
public sealed class ChaosWorkload(ChaosSystem system, ChaosScenario scenario)
{
    private const int MaxClientRetries = 50;
    private readonly ConcurrentDictionary<string, byte[]> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _violations = [];
    private int _viaPartner;

    /// <summary>Every accepted order id with the body it was accepted with.</summary>
    public IReadOnlyDictionary<string, byte[]> Accepted => _accepted;

    public int ViaPartner => _viaPartner;

    public IReadOnlyCollection<string> Violations => _violations;

    public async Task RunAsync(int producers = 4)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < scenario.Orders)
                await SubmitAsync(index);
        })));
    }

    private async Task SubmitAsync(int index)
    {
        var id = ChaosOrders.Id(index);
        var body = ChaosOrders.Body(index, scenario.Zones);
        var dice = system.Faults.Dice;
        var acceptedOverIntake = false;
        if (dice.Roll(scenario.PartnerShare))
        {
            await SendPartnerAsync(id, body, ChaosOrders.Zone(index, scenario.Zones));
            Interlocked.Increment(ref _viaPartner);
            _accepted[id] = body;
        }
        else if (await SubmitOverIntakeAsync(id, body))
        {
            _accepted[id] = body;
            acceptedOverIntake = true;
        }

        if (dice.Roll(system.Faults.Plan.DuplicateRate))
        {
            system.Faults.Counters.AddDuplicate();
            await SendPartnerAsync($"{id}:dup", body, ChaosOrders.Zone(index, scenario.Zones));
        }

        // Only after a 202 is the payload settled; between two partner copies the first to reach storage wins.
        if (acceptedOverIntake && dice.Roll(system.Faults.Plan.ConflictRate))
        {
            system.Faults.Counters.AddConflict();
            await SendPartnerAsync($"{id}:conflict", ChaosOrders.Body(index, scenario.Zones, quantity: 2), ChaosOrders.Zone(index, scenario.Zones));
        }
    }

    private async Task<bool> SubmitOverIntakeAsync(string id, byte[] body)
    {
        var intake = system.Get<OrderIntake>();
        for (var attempt = 0; attempt < MaxClientRetries; attempt++)
        {
            using var scope = CrashScope.Begin();
            try
            {
                var result = await intake.SubmitAsync(body, null, "http", null, CancellationToken.None);
                if (result.Kind is ResultKind.Accepted or ResultKind.Ok)
                    return true;
                _violations.Add($"{id}: intake answered {result.Kind} ({result.Detail}) to its own retry");
                return false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // No answer (crash) or a 503: the client retries the same request.
                await Task.Delay(1);
            }
        }

        return false;
    }

    /// <summary>A partner's own client sends straight to the queue, in its zone's session; our faults do not touch it.</summary>
    private Task SendPartnerAsync(string messageId, byte[] body, string zone) =>
        system.Broker.Publisher.SendAsync(new OutboundMessage(messageId, body)
        {
            SessionId = zone,
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = PartnerSource },
        });

    /// <summary>The partner the workload's partner messages come from; it has its own subscription on the events topic.</summary>
    public const string PartnerSource = "partner-chaos";
}
