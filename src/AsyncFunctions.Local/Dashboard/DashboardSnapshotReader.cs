using System.Diagnostics;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Brokers;
using AsyncFunctions.Local.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>
/// Builds the dashboard's snapshot with one pass over every order and driver. That is a table scan, which
/// the core never does on a hot path and which Table Storage would bill per page: it is fine here only
/// because the local store is in memory (about 5 ms for 10,000 orders in DashboardSnapshotTests; every snapshot reports its own time in
/// <see cref="DashboardSnapshot.ScanMilliseconds"/>), so it lives in the local host and nowhere else. It reads
/// the raw store, not the metered one, so an open dashboard does not inflate the round-trip counts.
/// With --storage the scan goes to the real table service on every poll: fine for one developer's dashboard,
/// which is why it stays out of the Functions app. Memory per poll is bounded: counts, the newest orders and the first drivers of each zone.
/// </summary>
public sealed class DashboardSnapshotReader([FromKeyedServices(LocalStorage.DashboardStoreKey)] ITableStore tables, ILocalBroker broker, IOptions<TableNames> names, AssignmentRateMonitor assignments, AssignmentLatencyMonitor latency, TimeProvider time, DependencyCircuits circuits, LiveEventBuffer events)
{
    public const int RecentOrders = 25;
    public const int RecentDeadLetters = 20;
    public const int MaxZones = 24;
    public const int DriversShownPerZone = 12;

    public async Task<DashboardSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var counts = new int[Enum.GetValues<OrderStatus>().Length];
        var newest = new NewestRows<TableRow>(RecentOrders);
        var zones = new SortedDictionary<string, ZoneLoadBuilder>(StringComparer.Ordinal);

        await foreach (var row in tables.QueryAsync(names.Value.DispatchTable, new TableQuery(), cancellationToken))
        {
            if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
            {
                if (Enum.TryParse<OrderStatus>(row.GetString("Status"), out var status))
                    counts[(int)status]++;
                newest.Offer(row, row.GetTime("UpdatedAt") ?? default);
            }
            else if (row.RowKey.StartsWith(EntityKeys.DriverPrefix, StringComparison.Ordinal))
            {
                if (!zones.TryGetValue(row.PartitionKey, out var zone))
                    zones[row.PartitionKey] = zone = new ZoneLoadBuilder(row.PartitionKey, DriversShownPerZone);
                zone.Add(DriverRecord.FromRow(row));
            }
        }

        var (deadLetterTotal, deadLetters) = await ReadDeadLettersAsync(cancellationToken);
        var brokerView = await broker.ReadViewAsync(cancellationToken);
        return new DashboardSnapshot(
            time.GetUtcNow(),
            counts.Sum(),
            [.. Enum.GetValues<OrderStatus>().Select(s => new StatusCount(s, counts[(int)s]))],
            [.. newest.Drain().Select(row => OrderRecord.FromRow(row).ToView())],
            [.. zones.Values.Take(MaxZones).Select(z => z.Build())],
            Math.Max(0, zones.Count - MaxZones),
            brokerView,
            deadLetterTotal,
            deadLetters,
            assignments.Read(),
            latency.Read(),
            Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            circuits.Snapshot(),
            events.Read(),
            events.Received);
    }

    /// <summary>Record ids count the sequence number down (DeadLetterIds), so the first rows in key order are the newest.</summary>
    private async Task<(int Total, IReadOnlyList<DeadLetterSummary> Newest)> ReadDeadLettersAsync(CancellationToken cancellationToken)
    {
        var newest = new List<DeadLetterSummary>(RecentDeadLetters);
        var total = 0;
        var query = new TableQuery { PartitionKey = EntityKeys.DeadLetterPartition };
        await foreach (var row in tables.QueryAsync(names.Value.DeadLetterTable, query, cancellationToken))
        {
            if (total++ < RecentDeadLetters)
                newest.Add(DeadLetterRecord.FromRow(row).ToSummary());
        }

        return (total, newest);
    }
}
