using System.Diagnostics;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Testing.Faults;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>Runs one chaos scenario end to end: drivers, load, faults, drain, audit.</summary>
public static class ChaosHarness
{
    /// <summary>One run; <paramref name="broker"/> replaces the in-process broker (a real RabbitMQ) and is disposed with the run.</summary>
    public static async Task<ChaosReport> RunAsync(ChaosScenario scenario, FaultPlan plan, IDictionary<string, string?>? settings = null, ITableStore? store = null, IChaosBroker? broker = null)
    {
        await using var system = new ChaosSystem(scenario, plan, settings, store, broker: broker);
        await RegisterDriversAsync(system, scenario);

        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var workers = new ChaosWorkers(system, scenario);
        var running = workers.Start(stop.Token);

        var workload = new ChaosWorkload(system, scenario);
        await workload.RunAsync();
        var drained = await DrainAsync(system, workload.Accepted.Keys, scenario.DrainTimeout);

        await stop.CancelAsync();
        await Task.WhenAll(running);
        await SettleOutboxAsync(system, scenario.DrainTimeout);
        clock.Stop();

        var audit = await new InvariantAuditor(system).AuditAsync(workload.Accepted);
        return new ChaosReport
        {
            Accepted = workload.Accepted.Count,
            ViaIntake = workload.Accepted.Count - workload.ViaPartner,
            ViaPartner = workload.ViaPartner,
            ByStatus = audit.ByStatus,
            DeadLetterRecords = audit.DeadLetterRecords,
            Lost = audit.Lost,
            DoubleAssigned = audit.DoubleAssigned,
            OverCapacityWrites = audit.OverCapacityWrites,
            Deliveries = workers.Deliveries,
            Faults = system.Faults.Counters,
            Elapsed = clock.Elapsed,
            Drained = drained,
            Violations = [.. workload.Violations, .. audit.Violations],
            Events = audit.Events,
        };
    }

    internal static async Task RegisterDriversAsync(ChaosSystem system, ChaosScenario scenario)
    {
        var roster = system.Get<Core.Drivers.DriverRegistry>();
        for (var zone = 0; zone < scenario.Zones; zone++)
        {
            var (lat, lon) = ChaosOrders.Centre(zone);
            for (var d = 0; d < scenario.DriversPerZone; d++)
            {
                var body = System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $$"""{"zone":"zone-{{zone}}","capacity":{{scenario.DriverCapacity}},"location":{"lat":{{lat + d * 0.001}},"lon":{{lon + d * 0.001}}},"available":true}"""));
                var result = await roster.UpsertAsync($"driver-{zone}-{d:D3}", body, CancellationToken.None);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Driver registration failed: {result.Detail}");
            }
        }
    }

    /// <summary>
    /// The workers stop as a host does: a delivery made between the drain and the stop has published its events on the
    /// hot path, but the relay deletes markers in batches (<see cref="Core.Events.OrderEventRelay.ClearAfter"/>), so
    /// they can still be there. A graceful stop clears what this process published, and the sweep sends what it did
    /// not; both are run until the outbox is empty or the timeout passes (an injected fault only delays it). What is
    /// left after that is a real violation, and the audit reports it.
    /// </summary>
    internal static async Task SettleOutboxAsync(ChaosSystem system, TimeSpan timeout)
    {
        var relay = system.Get<Core.Events.OrderEventRelay>();
        var deadline = Stopwatch.StartNew();
        while (await PendingMarkersAsync(system) > 0 && deadline.Elapsed < timeout)
        {
            using var scope = CrashScope.Begin();
            try
            {
                await relay.ClearPublishedAsync(CancellationToken.None);
                await relay.SweepAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // An injected crash or fault: tried again, as the next timer tick would.
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Outbox markers not yet cleared: one range read per partition that can hold them (the zones and the refusals').</summary>
    internal static async Task<int> PendingMarkersAsync(ChaosSystem system)
    {
        var table = new TableNames().DispatchTable;
        var partitions = new List<string> { Core.Events.EventKeys.RefusalPartition };
        await foreach (var row in system.Store.QueryAsync(table, new TableQuery { PartitionKey = EntityKeys.ZoneListPartition }))
            partitions.Add(row.RowKey);
        var count = 0;
        foreach (var partition in partitions)
        {
            await foreach (var _ in system.Store.QueryAsync(table, TableQuery.PartitionPrefix(partition, Core.Events.EventKeys.MarkerPrefix)))
                count++;
        }

        return count;
    }

    /// <summary>Waits until every accepted order is resolved and the dead-letter queue is recorded, or the timeout.</summary>
    internal static async Task<bool> DrainAsync(ChaosSystem system, IEnumerable<string> accepted, TimeSpan timeout)
    {
        var ids = accepted.ToHashSet(StringComparer.Ordinal);
        var store = new DispatchStore(system.Store, Microsoft.Extensions.Options.Options.Create(new TableNames()));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            // A resolved order stays resolved, so it is read no more: over a real table service the
            // drain must not compete with the workers by re-reading every order ten times a second.
            var pending = 0;
            foreach (var id in ids.ToList())
            {
                var order = await store.FindOrderAsync(id, CancellationToken.None);
                if (order is null || !OrderLifecycle.IsResolved(order.Status))
                    pending++;
                else
                    ids.Remove(id);
            }

            // Resolved is not the end: the events of the last changes may still wait in the outbox for the relay's sweep.
            if (pending == 0 && await system.Broker.DeadLetterIdleAsync() && await PendingMarkersAsync(system) == 0)
                return true;
            await Task.Delay(100);
        }

        return false;
    }
}
