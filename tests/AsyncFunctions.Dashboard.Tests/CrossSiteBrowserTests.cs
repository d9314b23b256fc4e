using System.Net.Http.Json;
using System.Text;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Http.Json;
using AsyncFunctions.Testing.Hosting;
using Microsoft.Playwright;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>
/// The local host's guards as a real browser meets them: a page of another origin cannot replay a dead
/// letter, a name rebound to 127.0.0.1 gets nothing but a 400, and the dashboard's own Replay button still works.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class CrossSiteBrowserTests : IAsyncLifetime
{
    private const string ReboundName = "rebound.example";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly SocketLocalHostFactory _host = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
            return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            // DNS rebinding without a DNS server: the browser resolves the attacker's name to loopback.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--host-resolver-rules=MAP {ReboundName} 127.0.0.1"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _host.DisposeAsync();
    }

    [ChromiumFact]
    public async Task Replay_FromAnotherOriginRefused_FromTheDashboardButtonProcessed()
    {
        using var client = _host.CreateSocketClient();
        var id = await DeadLetterAsync(client, "cross-site-1");
        var replayUrl = new Uri(_host.BaseAddress, $"/api/deadletters/{id}/replay").ToString();
        var page = await _browser!.NewPageAsync();

        // A page of another site on this machine (any other dev server: another port is another origin,
        // the same site), served for real so the browser treats it as the loopback page it is. Its script
        // posts the body-less "simple request" that needs no CORS preflight.
        await using var attacker = await AttackerSite.StartAsync();
        await page.GotoAsync(attacker.Url);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.EvaluateAsync("url => fetch(url, { method: 'POST', mode: 'no-cors' }).catch(() => null)", replayUrl),
            response => response.Url == replayUrl);

        Assert.Equal(403, refused.Status);
        Assert.Null(await ReplayedAtAsync(client, id));

        // The dashboard itself, at its own origin: the Replay button goes through.
        await page.GotoAsync(_host.BaseAddress.ToString());
        await page.Locator($"#deadletters button.replay[data-id='{id}']").ClickAsync(new LocatorClickOptions { Timeout = (float)Patience.TotalMilliseconds });
        await page.Locator($"#deadletters tr[data-deadletter-id='{id}'] .replayed").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Patience.TotalMilliseconds });
        Assert.NotNull(await ReplayedAtAsync(client, id));
    }

    [ChromiumFact]
    public async Task Dashboard_UnderARenamedHost_Is400ForThePageAndItsApi()
    {
        using var client = _host.CreateSocketClient();
        var id = await DeadLetterAsync(client, "rebound-1");
        var page = await _browser!.NewPageAsync();
        var rebound = $"http://{ReboundName}:{_host.BaseAddress.Port}";

        var response = await page.GotoAsync(rebound + "/");
        var replay = await page.EvaluateAsync<int>("url => fetch(url, { method: 'POST' }).then(r => r.status)", $"{rebound}/api/deadletters/{id}/replay");

        Assert.NotNull(response);
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", (await response.HeaderValueAsync("content-type"))?.Split(';')[0]);
        // Same origin from the attacker's page, so the script could read it: it reads a refusal, not the data.
        Assert.Equal(400, replay);
        Assert.Null(await ReplayedAtAsync(client, id));
    }

    /// <summary>A partner message with an impossible latitude, and the id of its dead letter once recorded.</summary>
    private async Task<string> DeadLetterAsync(HttpClient client, string orderId)
    {
        await _host.Queue.SendAsync(new OutboundMessage(orderId, Encoding.UTF8.GetBytes(
            $$"""{"orderId":"{{orderId}}","zone":"zone-a","pickup":{"lat":123,"lon":4.9},"dropoff":{"lat":52.3,"lon":4.9},"items":[{"sku":"x","quantity":1}]}"""))
        {
            SessionId = "zone-a", // the partner contract: the queue is session-enabled, keyed by zone
        });
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var letters = await client.GetFromJsonAsync<List<DeadLetterSummary>>("/api/deadletters", DispatchJson.Options);
            if (letters!.FirstOrDefault(d => d.OrderId == orderId) is { } letter)
                return letter.Id;
            Assert.True(DateTime.UtcNow < until, $"no dead letter for {orderId}");
            await Task.Delay(50);
        }
    }

    private static async Task<DateTimeOffset?> ReplayedAtAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<List<DeadLetterSummary>>("/api/deadletters", DispatchJson.Options))!.Single(d => d.Id == id).ReplayedAt;
}
