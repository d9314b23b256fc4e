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

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
