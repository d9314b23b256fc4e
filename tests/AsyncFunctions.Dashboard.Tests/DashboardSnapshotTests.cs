using System.Diagnostics;
using System.Net.Http.Json;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Testing.Hosting;
using AsyncFunctions.Http.Json;
using AsyncFunctions.Local.Dashboard;
using Xunit.Abstractions;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>GET /api/dashboard/snapshot with an empty store and with 10,000 orders: right counts, bounded lists, and its cost measured.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DashboardSnapshotTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly SocketLocalHostFactory _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Snapshot_EmptyStore_ReturnsZeroCountsAndEmptyLists()
    {
        using var client = _host.CreateSocketClient();

        var snapshot = await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options);

        Assert.NotNull(snapshot);
        Assert.Equal(0, snapshot.TotalOrders);
        Assert.Equal(Enum.GetValues<OrderStatus>(), snapshot.Counts.Select(c => c.Status));
        Assert.All(snapshot.Counts, c => Assert.Equal(0, c.Count));
        Assert.Empty(snapshot.RecentOrders);
        Assert.Empty(snapshot.Zones);
        Assert.Empty(snapshot.DeadLetters);
        Assert.Equal(AssignmentRateMonitor.WindowSeconds, snapshot.Assignments.LastMinute.Count);
        Assert.Equal(["storage:closed", "bus:closed"], snapshot.Circuits.Select(c => $"{c.Dependency}:{c.State}"));
    }

    [Fact]
    public async Task Snapshot_TenThousandOrders_CountsAllAndListsOnlyTheNewest()
    {
        const int orders = 10_000;
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var statuses = Enum.GetValues<OrderStatus>();
        var table = new TableNames().DispatchTable;
        for (var i = 0; i < orders; i++)
        {
            var order = new OrderRecord
            {
                OrderId = $"bulk-{i:D5}",
                Zone = $"zone-{i % 5}",
                Status = statuses[i % statuses.Length],
                CreatedAt = start,
                UpdatedAt = start.AddSeconds(i),
                PayloadHash = "h",
                Payload = "{}",
            };
            await _host.Store.AddAsync(table, order.ToRow());
        }

        using var client = _host.CreateSocketClient();
        await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options);
        var clock = Stopwatch.StartNew();
        var snapshot = await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options);
        clock.Stop();

        Assert.NotNull(snapshot);
        Assert.Equal(orders, snapshot.TotalOrders);
        Assert.All(snapshot.Counts, c => Assert.Equal(orders / statuses.Length + (c.Status < statuses[orders % statuses.Length] ? 1 : 0), c.Count));
        Assert.Equal(DashboardSnapshotReader.RecentOrders, snapshot.RecentOrders.Count);
        Assert.Equal(Enumerable.Range(0, DashboardSnapshotReader.RecentOrders).Select(i => $"bulk-{orders - 1 - i:D5}"), snapshot.RecentOrders.Select(o => o.OrderId));
        output.WriteLine($"snapshot over {orders} orders: scan {snapshot.ScanMilliseconds:F1} ms on the server, {clock.Elapsed.TotalMilliseconds:F1} ms round trip");
        // Generous: a poll every second must stay far below a second even on a busy 2-core machine.
        Assert.True(snapshot.ScanMilliseconds < 500, $"scan took {snapshot.ScanMilliseconds} ms");
    }
}
