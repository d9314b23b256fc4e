using System.Net;
using System.Net.Http.Json;
using System.Text;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Dashboard.Tests.Hosting;
using AsyncFunctions.Http.Json;
using AsyncFunctions.Testing.Hosting;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AsyncFunctions.Dashboard.Tests;

/// <summary>
/// The dashboard in headless Chromium (Debian's package, never a downloaded browser) against the real
/// local host on a socket: orders submitted through the page and over HTTP show up Assigned, an invalid
/// partner message shows up as a dead letter with its reason, and the Replay button replays it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class DashboardPageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    // A field name a partner controls ends up in the dead letter's description: it must stay text.
    private const string HostileField = "<img src=x onerror=\"document.body.dataset.pwned=1\">";

    private readonly LocalHostFactory _host = new SocketLocalHostFactory().With("Local:SeedDrivers", "true");
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
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
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
    public async Task Dashboard_OrdersAndDeadLetterReplay_ShowLiveAndReplayThroughTheButton()
    {
        using var client = _host.CreateSocketClient();
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                consoleErrors.Add(message.Text);
        };

        await page.GotoAsync(_host.BaseAddress.ToString());
        await Expect(page.Locator("#zones .zone[data-zone='zone-a']"));

        // Through the page: the demo button submits a valid order, which the consumers assign.
        await page.ClickAsync("#demo-order");
        await Expect(page.Locator("#action-result", new PageLocatorOptions { HasTextString = "accepted" }));
        var demoRow = page.Locator("#orders tr[data-order-id^='demo-']").First;
        await Expect(demoRow.Locator("td.status[data-status='Assigned']"));
        Assert.StartsWith("driver-", await demoRow.Locator("td.driver").TextContentAsync());

        // The live event stream shows the demo order's two events, newest first, as text.
        var demoId = await demoRow.GetAttributeAsync("data-order-id");
        var demoEvents = page.Locator("#events tbody tr", new PageLocatorOptions { Has = page.Locator("td", new PageLocatorOptions { HasTextString = demoId }) });
        await Expect(demoEvents.Locator("td.event-type", new LocatorLocatorOptions { HasTextString = "DriverAssigned" }));
        Assert.Equal(["DriverAssigned", "OrderAccepted"], await demoEvents.Locator("td.event-type").AllTextContentsAsync());

        // Over HTTP, spread over a few seconds so the chart has bars: zone-c gets more than its 8 slots.
        for (var second = 0; second < 3; second++)
        {
            for (var i = 0; i < 4; i++)
                Assert.Equal(HttpStatusCode.Accepted, (await DemoOrders.SubmitAsync(client, $"web-{second}-{i}", (i % 2 == 0) ? "zone-c" : "zone-b")).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1.1));
        }

        await Expect(page.Locator("#orders tr[data-order-id='web-2-3'] td.status[data-status='Assigned']"));

        // The health tiles: submit → Assigned percentiles of the assignments so far, and the broker's dead-letter depth.
        await Expect(page.Locator("#latency-p99[data-seconds]:not([data-seconds=''])"));
        var p50 = double.Parse((await page.Locator("#latency-p50").GetAttributeAsync("data-seconds"))!, System.Globalization.CultureInfo.InvariantCulture);
        var p99 = double.Parse((await page.Locator("#latency-p99").GetAttributeAsync("data-seconds"))!, System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"dashboard: submit → Assigned p50 {p50:F3} s, p99 {p99:F3} s over {await page.Locator("#latency-count").TextContentAsync()} orders");
        Assert.InRange(p50, 0, p99);
        Assert.NotEqual("—", await page.Locator("#latency-p99 .value").TextContentAsync());
        Assert.Equal("0", await page.Locator("#dlq-depth .value").TextContentAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/orders/web-0-1/delivered", null)).StatusCode);
        for (var i = 0; i < 4; i++)
            await DemoOrders.SubmitAsync(client, $"late-{i}", "zone-c");
        await Expect(page.Locator("#counts [data-status='AwaitingDriver'] .value", new PageLocatorOptions { HasNotTextString = "0" }));

        // A partner puts an invalid order straight onto the queue: dead-lettered with reason and description.
        await _host.Queue.SendAsync(new OutboundMessage("partner-bad-1", Encoding.UTF8.GetBytes(
            $$"""{"orderId":"partner-bad-1","zone":"zone-a","pickup":{"lat":123,"lon":4.9},"dropoff":{"lat":52.3,"lon":4.9},"items":[{"sku":"x","quantity":1}],"{{HostileField.Replace("\"", "\\\"", StringComparison.Ordinal)}}":1}"""))
        {
            SessionId = "zone-a", // the partner contract: the queue is session-enabled, keyed by zone
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "acme-partner" },
        });
        var deadLetterRow = page.Locator("#deadletters tr[data-deadletter-id]", new PageLocatorOptions { Has = page.Locator("td", new PageLocatorOptions { HasTextString = "partner-bad-1" }) }).First;
        await Expect(deadLetterRow.Locator("td.reason", new LocatorLocatorOptions { HasTextString = "InvalidOrder" }));
        var description = await deadLetterRow.Locator("td.description").TextContentAsync();
        output.WriteLine($"dead-letter description: {description}");
        Assert.Contains("pickup.lat", description, StringComparison.Ordinal);
        Assert.Contains("<img", description, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#deadletters img").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => document.body.dataset.pwned ?? null"));

        // Replay through the button: the record is marked replayed (the body is still invalid, so it dead-letters again).
        var deadLetterId = await deadLetterRow.GetAttributeAsync("data-deadletter-id");
        await page.Locator($"#deadletters button.replay[data-id='{deadLetterId}']").ClickAsync();
        await Expect(page.Locator($"#deadletters tr[data-deadletter-id='{deadLetterId}'] .replayed"));
        var listed = await client.GetFromJsonAsync<List<DeadLetterSummary>>("/api/deadletters", DispatchJson.Options);
        Assert.NotNull(listed!.Single(d => d.Id == deadLetterId).ReplayedAt);
        await Expect(page.Locator("#deadletter-total", new PageLocatorOptions { HasTextString = "2" }));

        // The chart drew bars for the assignments of the last minute.
        await page.WaitForTimeoutAsync(1500);
        Assert.True(await page.Locator("#rate-chart rect.bar[height]:not([height='0'])").CountAsync() >= 2);
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));

        // The README's picture is refreshed only on request, so a test run leaves the work tree clean.
        var screenshot = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOT") == "1"
            ? Path.Combine(RepositoryRoot.Find(), "docs", "images", "dashboard.png")
            : Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 10_000);
    }

    private static Task Expect(ILocator locator) =>
        locator.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)Patience.TotalMilliseconds });
}
