using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Testing.Chaos;
using AsyncFunctions.Testing.Faults;

namespace AsyncFunctions.Testing.Outages;

/// <summary>
/// Runs the real engine under steady load while a dependency goes down for a while and comes back, in
/// simulated time (<see cref="AcceleratedTimeProvider"/>) with production timings, and reports what it
/// cost: orders dead-lettered, deliveries per order, time to recover, and what intake answered. The
/// consumers here behave like the Functions trigger (they keep receiving while a breaker is open).
/// </summary>
public static class OutageHarness
{
    public static async Task<OutageReport> RunAsync(OutageScenario scenario)
    {
        var clock = new AcceleratedTimeProvider(scenario.TimeFactor);
        var chaos = new ChaosScenario { Orders = scenario.Orders, Consumers = scenario.Consumers, LockDuration = TimeSpan.FromMinutes(1) };
        await using var system = new ChaosSystem(chaos, FaultPlan.None, ProductionTimings(), time: clock);
        await ChaosHarness.RegisterDriversAsync(system, chaos);

        var wall = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = new ChaosWorkers(system, chaos);
        var running = workers.Start(stop.Token);
        var load = new OutageLoad(system, chaos, clock);
        var submitting = load.RunAsync(scenario.Warmup + scenario.Outage + scenario.Cooldown);

        await Task.Delay(clock.Scale(scenario.Warmup));
        var before = Snapshot(workers.ReceivedPerOrder);
        load.DuringOutage = true;
        system.Faults.StorageDown = scenario.StorageDown;
        system.Faults.BusDown = scenario.BusDown;
        await Task.Delay(clock.Scale(scenario.Outage));
        system.Faults.StorageDown = false;
        system.Faults.BusDown = false;
        load.DuringOutage = false;
        var ended = clock.GetUtcNow();
        var during = Snapshot(workers.ReceivedPerOrder);

        await submitting;
        var resolved = await ChaosHarness.DrainAsync(system, load.Accepted.Keys, clock.Scale(scenario.RecoveryTimeout));
        var recoveredAfter = clock.GetUtcNow() - ended;
        await stop.CancelAsync();
        await Task.WhenAll(running);
        wall.Stop();

        var audit = await new InvariantAuditor(system).AuditAsync(load.Accepted);
        var received = workers.ReceivedPerOrder.Where(p => load.Accepted.ContainsKey(p.Key)).Select(p => p.Value).ToList();
        return new OutageReport
        {
            Scenario = scenario.Name,
            Accepted = load.Accepted.Count,
            DeadLetteredOrders = audit.ByStatus.GetValueOrDefault(nameof(OrderStatus.DeadLettered)),
            DeadLetterRecords = audit.DeadLetterRecords,
            Lost = audit.Lost,
            DoubleAssigned = audit.DoubleAssigned,
            OverCapacityWrites = audit.OverCapacityWrites,
            Unresolved = await CountUnresolvedAsync(system, load.Accepted.Keys),
            IntakeDuringOutage = load.IntakeDuringOutage.ToDictionary(),
            DeliveriesPerOrder = received.Count == 0 ? 0 : received.Average(),
            MaxDeliveriesPerOrder = received.Count == 0 ? 0 : received.Max(),
            MaxDeliveriesPerOrderDuringOutage = during.Select(p => p.Value - before.GetValueOrDefault(p.Key)).DefaultIfEmpty(0).Max(),
            RecoveredAfter = resolved ? recoveredAfter : scenario.RecoveryTimeout,
            OutageFailures = system.Faults.Counters.OutageFailures,
            WallClock = wall.Elapsed,
            Violations = [.. load.Violations, .. audit.Violations],
        };
    }

    /// <summary>The production defaults of every timing (simulated time makes them affordable), with a sweep interval to match.</summary>
    private static Dictionary<string, string?> ProductionTimings() => new()
    {
        ["Dispatch:LeaseDuration"] = "00:00:30",
        ["Dispatch:DriverRetryInitial"] = "00:00:05",
        ["Dispatch:DriverRetryMax"] = "00:01:00",
        ["Dispatch:MaxAwaitingDriver"] = "00:30:00",
        ["Dispatch:StaleAfter"] = "00:02:00",
        ["Resilience:InProcessRetryDelay"] = "00:00:00.200",
        ["Resilience:InProcessRetryMaxDelay"] = "00:00:02",
        ["Resilience:RescheduleInitialDelay"] = "00:00:05",
        ["Resilience:RescheduleMaxDelay"] = "00:01:00",
        ["Resilience:AbandonDelay"] = "00:00:10",
    };

    private static Dictionary<string, int> Snapshot(ConcurrentDictionary<string, int> counts) => new(counts, StringComparer.Ordinal);

    private static async Task<int> CountUnresolvedAsync(ChaosSystem system, IEnumerable<string> accepted)
    {
        var store = new DispatchStore(system.Store, Microsoft.Extensions.Options.Options.Create(new TableNames()));
        var unresolved = 0;
        foreach (var id in accepted)
        {
            var order = await store.FindOrderAsync(id, CancellationToken.None);
            if (order is null || !OrderLifecycle.IsResolved(order.Status))
                unresolved++;
        }

        return unresolved;
    }

    /// <summary>Steady arrivals over intake (clients retry after a 503, as Retry-After asks) and from partners.</summary>
    private sealed class OutageLoad(ChaosSystem system, ChaosScenario scenario, AcceleratedTimeProvider clock)
    {
        private static readonly TimeSpan ClientRetryAfter = TimeSpan.FromSeconds(5);
        private readonly ConcurrentDictionary<string, byte[]> _accepted = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<string> _violations = [];

        public volatile bool DuringOutage;

        public IReadOnlyDictionary<string, byte[]> Accepted => _accepted;

        public ConcurrentDictionary<int, int> IntakeDuringOutage { get; } = new();

        public IReadOnlyCollection<string> Violations => _violations;

        public async Task RunAsync(TimeSpan span)
        {
            var started = Stopwatch.StartNew();
            var submissions = new List<Task>(scenario.Orders);
            for (var index = 0; index < scenario.Orders; index++)
            {
                var due = clock.Scale(span * index / scenario.Orders);
                if (due > started.Elapsed)
                    await Task.Delay(due - started.Elapsed);
                var i = index;
                submissions.Add(Task.Run(() => SubmitAsync(i)));
            }

            await Task.WhenAll(submissions);
        }

        private async Task SubmitAsync(int index)
        {
            var id = ChaosOrders.Id(index);
            var body = ChaosOrders.Body(index, scenario.Zones);
            if (index % 4 == 3)
            {
                await SendPartnerAsync(id, body, ChaosOrders.Zone(index, scenario.Zones));
                _accepted[id] = body;
                return;
            }

            var intake = system.Get<OrderIntake>();
            while (true)
            {
                var outage = DuringOutage;
                int status;
                try
                {
                    var result = await intake.SubmitAsync(body, null, "http", null, CancellationToken.None);
                    status = result.Kind switch
                    {
                        ResultKind.Accepted => 202,
                        ResultKind.Ok => 200,
                        _ => 400,
                    };
                }
                catch (TableStorageException ex) when (ex.IsTransient || ex.Kind is TableErrorKind.PreconditionFailed or TableErrorKind.AlreadyExists)
                {
                    status = 503; // FailureMapping's answer to exactly these
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    status = 500;
                    _violations.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: intake would answer 500 ({ex.GetType().Name}: {ex.Message})"));
                }

                if (outage)
                    IntakeDuringOutage.AddOrUpdate(status, 1, (_, count) => count + 1);
                if (status is 202 or 200)
                {
                    _accepted[id] = body;
                    return;
                }

                if (status is not 503)
                {
                    _violations.Add(string.Create(CultureInfo.InvariantCulture, $"{id}: intake answered {status}"));
                    return;
                }

                await Task.Delay(clock.Scale(ClientRetryAfter));
            }
        }

        /// <summary>A partner's client cannot send while the bus is down either: it retries until it can.</summary>
        private async Task SendPartnerAsync(string id, byte[] body, string zone)
        {
            while (system.Faults.BusDown)
                await Task.Delay(clock.Scale(TimeSpan.FromSeconds(1)));
            await system.Queue.SendAsync(new OutboundMessage(id, body)
            {
                SessionId = zone,
                ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-outage" },
            });
        }
    }
}
