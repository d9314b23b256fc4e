using System.Net;
using System.Net.Sockets;
using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Load;
using AsyncFunctions.LoadGen.Reporting;
using AsyncFunctions.Testing.Hosting;

namespace AsyncFunctions.LoadGen.Tests;

/// <summary>The load generator against the real local host in process (small numbers, a few seconds).</summary>
public sealed class LoadRunnerTests(SocketLocalHostFactory host) : IClassFixture<SocketLocalHostFactory>
{
    [Fact]
    public async Task RunAsync_SmallLoadWithDuplicates_AllAcceptedAndAssigned()
    {
        var options = new LoadOptions { Orders = 60, Rate = 200, Zones = 3, Drivers = 6, Duplicates = 0.1, Url = host.BaseAddress, RunId = "small", Wait = TimeSpan.FromSeconds(20) };
        using var http = LoadHttpClient.Create(options);

        var outcome = await new LoadRunner(http, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Null(outcome.Error);
        var summary = outcome.Summary!;
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(60, summary.Submitted);
        Assert.Equal(60, summary.Accepted);
        Assert.Equal(6, summary.Duplicates);
        Assert.Equal(0, summary.Rejected);
        Assert.Equal(0, summary.TransportErrors);
        Assert.Equal(60, summary.Assigned);
        Assert.Equal(0, summary.AwaitingDriver);
        Assert.Equal(60, summary.LatencySamples);
        Assert.True(summary.P50Ms <= summary.P99Ms);
        var text = SummaryFormatter.Format(summary);
        Assert.Contains("accepted (202)        60", text, StringComparison.Ordinal);
        Assert.Contains("duplicates (200)      6", text, StringComparison.Ordinal);
        Assert.Contains("submit→Assigned       p50", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FollowBoth_PolledAndEventFiguresForEveryOrder()
    {
        // A host of its own: the class fixture's drivers have another zone plan and capacity.
        await using var ownHost = new SocketLocalHostFactory();
        var options = new LoadOptions { Orders = 40, Rate = 200, Zones = 2, Drivers = 4, Url = ownHost.BaseAddress, RunId = "both", Wait = TimeSpan.FromSeconds(20), Follow = FollowMode.Both };
        using var http = LoadHttpClient.Create(options);

        var outcome = await new LoadRunner(http, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Null(outcome.Error);
        var summary = outcome.Summary!;
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal(40, summary.Assigned);
        var follow = summary.Follow!;
        Assert.Null(follow.FeedError);
        Assert.Equal(40, follow.Polled!.SeenAssigned);
        Assert.Equal(40, follow.Events!.SeenAssigned);
        // Every order needs at least one GET, and its stream carries at least OrderAccepted and DriverAssigned.
        Assert.True(follow.Polled.PerOrder >= 1, $"{follow.Polled.PerOrder} GET per order");
        Assert.True(follow.Events.Operations >= 80, $"{follow.Events.Operations} events");
        Assert.True(follow.Events.P50Ms <= follow.Events.P95Ms && follow.Events.P95Ms <= follow.Events.P99Ms);
        Assert.Contains("followed by           polled                  events", SummaryFormatter.Format(summary), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_FollowEvents_SettlesEveryOrderWithoutAPoll()
    {
        // A host of its own: the class fixture's drivers have another zone plan and capacity.
        await using var ownHost = new SocketLocalHostFactory();
        var options = new LoadOptions { Orders = 30, Rate = 200, Zones = 2, Drivers = 4, Url = ownHost.BaseAddress, RunId = "events", Wait = TimeSpan.FromSeconds(20), Follow = FollowMode.Events, Deliver = true };
        using var http = LoadHttpClient.Create(options);

        var outcome = await new LoadRunner(http, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        var summary = outcome.Summary!;
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
        Assert.Equal((30, 30, 0), (summary.Assigned, summary.DeliveredByRun, summary.StillPending));
        // The server-clock latency comes from the events' own times: OrderAccepted to DriverAssigned.
        Assert.Equal(30, summary.LatencySamples);
        Assert.Null(summary.Follow!.Polled);
        Assert.Equal(30, summary.Follow.Events!.SeenAssigned);
    }

    [Fact]
    public async Task RunAsync_FollowEventsOnAHostWithoutAStream_FailsBeforeSendingAndSaysWhy()
    {
        // A host of its own: the class fixture's drivers have another zone plan and capacity.
        await using var ownHost = new SocketLocalHostFactory();
        var options = new LoadOptions { Orders = 5, Url = ownHost.BaseAddress, Follow = FollowMode.Events };
        using var http = LoadHttpClient.Create(options);
        using var notFound = new HttpClient(new NoStreamHandler(http)) { BaseAddress = ownHost.BaseAddress };

        var outcome = await new LoadRunner(notFound, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Unreachable, outcome.ExitCode);
        Assert.Contains("api/events/stream answered 404", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("--events-namespace", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MoreOrdersThanCapacity_ReportsTheRestAwaitingDriver()
    {
        // A host of its own: the class fixture's drivers already carry orders.
        await using var ownHost = new SocketLocalHostFactory();
        var options = new LoadOptions { Orders = 12, Rate = 200, Zones = 1, Drivers = 1, Capacity = 4, Url = ownHost.BaseAddress, RunId = "full", Wait = TimeSpan.FromSeconds(3) };
        using var http = LoadHttpClient.Create(options);

        var outcome = await new LoadRunner(http, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        var summary = outcome.Summary!;
        Assert.Equal(12, summary.Accepted);
        Assert.Equal(4, summary.Assigned);
        Assert.Equal(8, summary.AwaitingDriver);
        Assert.Equal(0, summary.StillPending);
        // Waiting for a driver is an outcome, not a failure of the run.
        Assert.Equal(ExitCodes.Ok, outcome.ExitCode);
    }

    [Fact]
    public async Task RunAsync_NothingListening_FailsWithAClearMessage()
    {
        var options = new LoadOptions { Orders = 5, Url = new Uri($"http://127.0.0.1:{UnusedPort()}/") };
        using var http = LoadHttpClient.Create(options);

        var outcome = await new LoadRunner(http, options, ProgressDisplay.Silent, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Null(outcome.Summary);
        Assert.Equal(ExitCodes.Unreachable, outcome.ExitCode);
        Assert.Contains($"cannot reach {options.Url}", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/AsyncFunctions.Local", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FunctionKey_IsSentAsXFunctionsKey()
    {
        using var http = LoadHttpClient.Create(new LoadOptions { FunctionKey = "k3y" });

        Assert.Equal(["k3y"], http.DefaultRequestHeaders.GetValues(LoadHttpClient.FunctionKeyHeader));
    }

    /// <summary>The host as the Azure app looks to the load generator: everything but the event stream.</summary>
    private sealed class NoStreamHandler(HttpClient inner) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/api/events/stream", StringComparison.Ordinal))
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            using var forwarded = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content };
            var response = await inner.SendAsync(forwarded, cancellationToken);
            return response;
        }
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
