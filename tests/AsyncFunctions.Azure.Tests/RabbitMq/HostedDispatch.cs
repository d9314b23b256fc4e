using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AsyncFunctions.Azure.Tests.LocalHost;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Azure.Tests.RabbitMq;

/// <summary>
/// The local host(s) on RabbitMQ and Azurite, seen over HTTP: host arguments for one shared queue and set of
/// tables, drivers, an order load spread over the hosts, and the final audit (every accepted order Assigned,
/// each driver's count exactly the orders that name it, none over capacity).
/// </summary>
internal sealed class HostedDispatch(string queueName, TableNames tables, string azuriteConnectionString, Uri rabbitMq)
{
    public static readonly string[] Zones = ["zone-a", "zone-b"];

    public string QueueName => queueName;

    public static HostedDispatch Fresh(string azuriteConnectionString, Uri rabbitMq)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        return new HostedDispatch("orders-" + id, new TableNames { DispatchTable = "qd" + id, DirectoryTable = "qi" + id, DeadLetterTable = "ql" + id }, azuriteConnectionString, rabbitMq);
    }

    /// <summary>Seconds, not minutes: the sweeper looks every half second and re-publishes what is 1 s overdue.</summary>
    public string[] HostArguments(int consumers = 4) =>
    [
        "--broker", rabbitMq.ToString(),
        "--storage", azuriteConnectionString,
        $"--RabbitMq:QueueName={queueName}",
        "--RabbitMq:RecoveryInterval=00:00:00.500",
        $"--Storage:DispatchTable={tables.DispatchTable}",
        $"--Storage:DirectoryTable={tables.DirectoryTable}",
        $"--Storage:DeadLetterTable={tables.DeadLetterTable}",
        string.Create(CultureInfo.InvariantCulture, $"--Local:Consumers={consumers}"),
        "--Local:SweepInterval=00:00:00.500",
        "--Dispatch:StaleAfter=00:00:01",
        "--Dispatch:LeaseDuration=00:00:02",
        "--Local:LockDuration=00:00:05",
        "--Resilience:AbandonDelay=00:00:02",
        "--Resilience:InProcessRetryMaxDelay=00:00:00.500",
        "--Resilience:RescheduleInitialDelay=00:00:00.500",
        "--Resilience:RescheduleMaxDelay=00:00:02",
        "--Local:ShutdownTimeout=00:00:00",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>Five drivers per zone; capacity per driver so that the fleet just holds every order (contention on purpose).</summary>
    public static async Task RegisterDriversAsync(HttpClient client, int capacity)
    {
        foreach (var (zone, z) in Zones.Select((zone, z) => (zone, z)))
        {
            for (var d = 0; d < 5; d++)
            {
                var body = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"zone":"{{zone}}","capacity":{{capacity}},"location":{"lat":{{52.0 + z + d * 0.01}},"lon":{{4.0 + d * 0.01}}},"available":true}""");
                using var response = await client.PutAsync($"api/drivers/d-{zone}-{d}", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"driver registration answered {(int)response.StatusCode}");
            }
        }
    }

    /// <summary>Eight clients at once, round-robin over the hosts; accepted only on 200/202. A request cut off by a kill does not count.</summary>
    public static async Task SubmitAsync(IReadOnlyList<HttpClient> hosts, IEnumerable<string> orderIds, ConcurrentDictionary<string, bool> accepted)
    {
        var n = -1;
        await Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (orderId, cancellationToken) =>
        {
            var client = hosts[(Interlocked.Increment(ref n) & int.MaxValue) % hosts.Count];
            try
            {
                using var response = await client.PostAsync("api/orders", new StringContent(OrderJson(orderId), Encoding.UTF8, "application/json"), cancellationToken);
                if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                    accepted[orderId] = true;
                else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                    Assert.Fail($"{orderId}: intake answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
            catch (HttpRequestException)
            {
                // The host died mid-request: the order may or may not be stored; the test sends it again.
            }
        });
    }

    /// <summary>Polls until every order is Assigned or the timeout passes; returns the last status of each.</summary>
    public static Task<Dictionary<string, OrderState>> WaitUntilAssignedAsync(HttpClient client, IEnumerable<string> orderIds, TimeSpan timeout) =>
        OrderPolling.WaitUntilAssignedAsync(client, orderIds, timeout);

    /// <summary>The invariants, as figures: lost (accepted, not Assigned), double-assigned (a driver's count differs from the orders naming it), over capacity.</summary>
    public static async Task<AuditFigures> AuditAsync(HttpClient client, IReadOnlyDictionary<string, OrderState> final)
    {
        var lost = final.Values.Count(o => o.Status != "Assigned");
        var doubled = 0;
        var over = 0;
        foreach (var zone in Zones)
        {
            var drivers = await client.GetFromJsonAsync<JsonElement>($"api/drivers?zone={zone}");
            foreach (var driver in drivers.EnumerateArray())
            {
                var driverId = driver.GetProperty("driverId").GetString()!;
                var active = driver.GetProperty("activeOrders").GetInt32();
                var holding = final.Values.Count(o => o.Status == "Assigned" && o.DriverId == driverId);
                doubled += Math.Abs(active - holding);
                if (active > driver.GetProperty("capacity").GetInt32())
                    over++;
            }
        }

        return new AuditFigures(final.Count, lost, doubled, over);
    }

    public static string OrderId(int i) => string.Create(CultureInfo.InvariantCulture, $"q-{i:D4}");

    private static string OrderJson(string orderId)
    {
        var zone = Zones[int.Parse(orderId[2..], CultureInfo.InvariantCulture) % Zones.Length];
        return $$"""{"orderId":"{{orderId}}","zone":"{{zone}}","pickup":{"lat":52.1,"lon":4.1},"dropoff":{"lat":52.2,"lon":4.2},"items":[{"sku":"soup","quantity":1}]}""";
    }


    internal sealed record AuditFigures(int Accepted, int Lost, int DoubleAssigned, int OverCapacity)
    {
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"accepted {Accepted}; invariants: lost {Lost}, double-assigned {DoubleAssigned}, over capacity {OverCapacity}");
    }
}
