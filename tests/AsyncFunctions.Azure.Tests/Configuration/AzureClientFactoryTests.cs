using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AsyncFunctions.Azure.Configuration;
using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Core.Storage;
using Azure.Identity;

namespace AsyncFunctions.Azure.Tests.Configuration;

public sealed class AzureClientFactoryTests
{
    [Fact]
    public async Task CreateTableServiceClient_ServiceAcceptsButNeverAnswers_FailsTransientlyWithinTheNetworkTimeout()
    {
        // A stalled table service: the connection is accepted, no answer ever comes (what SIGSTOP does to Azurite).
        using var stalled = new TcpListener(IPAddress.Loopback, 0);
        stalled.Start(backlog: 16);
        var port = ((IPEndPoint)stalled.LocalEndpoint).Port;
        var options = new TableStorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
            NetworkTimeout = TimeSpan.FromSeconds(1),
            MaxRetries = 1,
        };
        var store = new AzureTableStore(AzureClientFactory.CreateTableServiceClient(options, new DefaultAzureCredential()));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TableStorageException>(() => store.GetAsync("Dispatch", "zone-a", "o-1", CancellationToken.None));

        Assert.Equal(TableErrorKind.Transient, error.Kind);
        // Two tries of 1 s plus the SDK's backoff; the default (100 s per try) would still be waiting.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void TableStorageOptions_Defaults_FailACallInSecondsNotMinutes()
    {
        var options = new TableStorageOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.NetworkTimeout);
        Assert.Equal(2, options.MaxRetries);
    }
}
