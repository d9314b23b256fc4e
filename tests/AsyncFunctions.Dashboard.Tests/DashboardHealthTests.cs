using System.Net;
using System.Net.Http.Json;
using System.Text;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Http.Json;
using AsyncFunctions.Local.Dashboard;
using AsyncFunctions.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>
/// The snapshot's two health figures against the real local host: submit → Assigned percentiles from known
/// waits (a clock moved forward while orders wait for a driver), and the dead-letter queue depth as the broker
/// counts it while nothing records the dead letters.
/// </summary>
public sealed class DashboardHealthTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Snapshot_OrdersWaitedThirtyAndSixtySeconds_ReportsTheirPercentiles()
    {
        var clock = new OffsetTime();
        await using var host = new SocketLocalHostFactory().WithServices(services => services.AddSingleton<TimeProvider>(clock));
        using var client = host.CreateSocketClient();

        // No driver in zone-q yet: each order is accepted and waits. The clock moves 30 s between them.
        Assert.Equal(HttpStatusCode.Accepted, (await DemoOrders.SubmitAsync(client, "slow-1", "zone-q")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Accepted, (await DemoOrders.SubmitAsync(client, "slow-2", "zone-q")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Accepted, (await DemoOrders.SubmitAsync(client, "quick-3", "zone-q")).StatusCode);

        // A driver with room for all three arrives: freed capacity wakes the waiting orders at once.
        var driver = await client.PutAsJsonAsync("/api/drivers/driver-q", new { zone = "zone-q", capacity = 3, location = new { lat = 52.37, lon = 4.90 }, available = true });
        Assert.True(driver.IsSuccessStatusCode, $"PUT driver: {driver.StatusCode}");
        var snapshot = await WaitForAsync(client, s => s.TimeToAssigned.Count == 3);

        output.WriteLine($"time to assigned: {snapshot.TimeToAssigned}");
        Assert.Equal(3, snapshot.Counts.Single(c => c.Status == OrderStatus.Assigned).Count);
        // Nearest rank of three: p50 is the second (slow-2, ~30 s), p99 the third (slow-1, ~60 s). The host's
        // own real time between the steps adds a little, never much on a loaded machine.
        Assert.InRange(snapshot.TimeToAssigned.P50Seconds!.Value, 30, 40);
        Assert.InRange(snapshot.TimeToAssigned.P99Seconds!.Value, 60, 70);
    }

    [Fact]
    public async Task Snapshot_DeadLettersNobodyRecords_CountsTheBrokersSubQueueNotTheTable()
    {
        // The recorder (RecordDeadLetter's loop) is not running: dead letters stay in orders/$DeadLetterQueue.
        await using var host = new SocketLocalHostFactory().WithServices(services =>
        {
            foreach (var recorder in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DeadLetterConsumer").ToList())
                services.Remove(recorder);
        });
        using var client = host.CreateSocketClient();

        for (var i = 0; i < 3; i++)
        {
            // Invalid (latitude 123): the assigner dead-letters each at once with a reason.
            await host.Queue.SendAsync(new OutboundMessage($"bad-{i}", Encoding.UTF8.GetBytes(
                $$"""{"orderId":"bad-{{i}}","zone":"zone-a","pickup":{"lat":123,"lon":4.9},"dropoff":{"lat":52.3,"lon":4.9},"items":[{"sku":"x","quantity":1}]}"""))
            {
                SessionId = "zone-a", // the partner contract: the queue is session-enabled, keyed by zone
            });
        }

        var snapshot = await WaitForAsync(client, s => s.Broker.DeadLetterDepth == 3);

        Assert.Equal(3, snapshot.Broker.DeadLetterActive);
        Assert.Equal(0, snapshot.DeadLetterTotal);
        Assert.Empty(snapshot.DeadLetters);
    }

    private static async Task<DashboardSnapshot> WaitForAsync(HttpClient client, Func<DashboardSnapshot, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var snapshot = (await client.GetFromJsonAsync<DashboardSnapshot>(DashboardExtensions.SnapshotRoute, DispatchJson.Options))!;
            if (done(snapshot) || DateTime.UtcNow > deadline)
                return snapshot;
            await Task.Delay(100);
        }
    }
}
