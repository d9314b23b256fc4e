using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AsyncFunctions.Azure.Tests.Azurite;
using Xunit.Abstractions;

namespace AsyncFunctions.Azure.Tests.LocalHost;

/// <summary>
/// A real storage outage: the local host on its own disk-persisted Azurite under a bounded HTTP load,
/// Azurite frozen with SIGSTOP for <see cref="OutageSeconds"/> (default 60 s) while the load goes on, then
/// killed with SIGKILL and started again on the same folder. During the freeze intake may answer only 202
/// (or 200) and 503 with Retry-After; after each recovery every accepted order is Assigned within a bound,
/// once, within capacity, and nothing is dead-lettered.
/// </summary>
public sealed class LocalHostAzuriteOutageTests(ITestOutputHelper output)
{
    /// <summary>Seconds Azurite stays frozen; CI sets a shorter one (scripts/test.sh), the full run keeps 60.</summary>
    public const string OutageSecondsVariable = "ASYNCFUNCTIONS_AZURITE_OUTAGE_SECONDS";

    private const int MaxOrders = 240;
    private static readonly string[] Zones = ["zone-a", "zone-b"];
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(180);

    private static int OutageSeconds =>
        int.TryParse(Environment.GetEnvironmentVariable(OutageSecondsVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : 60;

    [Fact]
    public async Task Host_AzuriteFrozenThenKilledUnderLoad_IntakeOnly202Or503AndEveryAcceptedOrderAssignedOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "azurite-outage-" + Guid.NewGuid().ToString("N"));
        await using var azurite = await AzuriteProcess.StartAsync(folder);
        await using var host = await LocalHostProcess.StartAsync(HostArguments(azurite.ConnectionString));
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        await RegisterDriversAsync(client);
        await using var load = OrderLoad.Start(client, MaxOrders, Zones);

        // Phase 1: frozen. Connections open, nothing answers: the hardest case for timeouts and breakers.
        await Task.Delay(TimeSpan.FromSeconds(8));
        var frozenAt = load.Elapsed;
        azurite.Pause();
        await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
        azurite.Resume();
        var thawedAt = load.Elapsed;
        var frozen = load.AnswersBetween(frozenAt, thawedAt);
        var phase1 = await WaitUntilAssignedAsync(client, load, "after SIGCONT");

        // Phase 2: killed and started again on the same folder and port, load still running.
        var killedAt = load.Elapsed;
        azurite.Kill();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await azurite.StartAgainAsync();
        var restartedAt = load.Elapsed;
        var killed = load.AnswersBetween(killedAt, restartedAt);
        await load.StopAsync();
        var phase2 = await WaitUntilAssignedAsync(client, load, "after the restart");

        output.WriteLine($"orders accepted {load.Accepted.Count} of {load.Submitted} submitted; requests {load.Answers.Count}");
        output.WriteLine($"frozen {OutageSeconds} s (SIGSTOP): answers {Describe(frozen)}");
        output.WriteLine($"killed and restarted ({(restartedAt - killedAt).TotalSeconds:F1} s down): answers {Describe(killed)}");
        output.WriteLine($"all accepted orders assigned {phase1.TotalSeconds:F1} s after SIGCONT, {phase2.TotalSeconds:F1} s after the restart");

        Assert.True(frozen.Count > 0, "no request was made while Azurite was frozen");
        Assert.All(frozen, answer => Assert.True(answer.IsAcceptedOrRetryLater, $"while frozen: {answer}"));
        Assert.Contains(frozen, answer => answer.Status == 503);
        Assert.All(killed, answer => Assert.True(answer.IsAcceptedOrRetryLater, $"while killed: {answer}"));
        await AssertInvariantsAsync(client, load);
    }

    private static string Describe(IReadOnlyCollection<IntakeAnswer> answers) =>
        string.Join(", ", answers.GroupBy(a => a.Label).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x {g.Count()}"));

    private async Task<TimeSpan> WaitUntilAssignedAsync(HttpClient client, OrderLoad load, string phase)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var pending = 0;
            foreach (var orderId in load.Accepted.Keys)
            {
                var status = await OrderStatusAsync(client, orderId);
                if (status?.Status != "Assigned")
                    pending++;
            }

            if (pending == 0)
                return clock.Elapsed;
            Assert.True(clock.Elapsed < RecoveryBound, $"{pending} accepted orders still not Assigned {RecoveryBound.TotalSeconds} s {phase}");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F0} s {phase}: {pending} accepted orders not yet Assigned");
            await Task.Delay(1_000);
        }
    }

    private static async Task AssertInvariantsAsync(HttpClient client, OrderLoad load)
    {
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var orderId in load.Accepted.Keys)
        {
            var status = await OrderStatusAsync(client, orderId);
            Assert.NotNull(status);
            Assert.Equal("Assigned", status.Status);
            assigned[orderId] = status.DriverId!;
        }

        var deadLetters = await client.GetFromJsonAsync<JsonElement>("api/deadletters");
        Assert.Equal(0, deadLetters.GetArrayLength());

        // Nobody assigned twice: each driver's count is exactly the orders that name it, and within capacity.
        foreach (var zone in Zones)
        {
            var drivers = await client.GetFromJsonAsync<JsonElement>($"api/drivers?zone={zone}");
            foreach (var driver in drivers.EnumerateArray())
            {
                var driverId = driver.GetProperty("driverId").GetString()!;
                var active = driver.GetProperty("activeOrders").GetInt32();
                Assert.Equal(assigned.Values.Count(d => d == driverId), active);
                Assert.True(active <= driver.GetProperty("capacity").GetInt32(), $"{driverId} holds {active}, over its capacity");
            }
        }
    }

    private static async Task<OrderStatus?> OrderStatusAsync(HttpClient client, string orderId)
    {
        using var response = await client.GetAsync($"api/orders/{orderId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new OrderStatus(
            body.GetProperty("status").GetString()!,
            body.TryGetProperty("driverId", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null);
    }

    private static string[] HostArguments(string connectionString) =>
    [
        "--storage", connectionString,
        "--Local:SweepInterval=00:00:01",
        "--Dispatch:StaleAfter=00:00:05",
        "--Dispatch:LeaseDuration=00:00:05",
        "--Local:LockDuration=00:00:10",
        "--Local:ShutdownTimeout=00:00:00",
        // A frozen table service must fail a call in seconds, not after the SDK's 100 s default times four tries.
        "--Storage:NetworkTimeout=00:00:03",
        "--Storage:MaxRetries=1",
        "--Logging:LogLevel:Default=Warning",
    ];

    private static async Task RegisterDriversAsync(HttpClient client)
    {
        foreach (var (zone, z) in Zones.Select((zone, z) => (zone, z)))
        {
            for (var d = 0; d < 5; d++)
            {
                var body = string.Create(CultureInfo.InvariantCulture,
                    $$"""{"zone":"{{zone}}","capacity":30,"location":{"lat":{{52.0 + z + d * 0.01}},"lon":{{4.0 + d * 0.01}}},"available":true}""");
                using var response = await client.PutAsync($"api/drivers/d-{zone}-{d}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"driver registration answered {(int)response.StatusCode}");
            }
        }
    }

    private sealed record OrderStatus(string Status, string? DriverId);
}
