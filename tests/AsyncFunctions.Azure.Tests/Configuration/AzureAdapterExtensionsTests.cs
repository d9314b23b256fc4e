using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Azure.Configuration;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Azure.Tests.Configuration;

public sealed class AzureAdapterExtensionsTests
{
    [Fact]
    public async Task StartAsync_NoTableSettings_FailsNamingTheSettingsToSet()
    {
        var host = Build(new Dictionary<string, string?>
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "sb-example.servicebus.windows.net",
            ["OrdersQueueName"] = "orders",
        });
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("Storage__TableServiceUri", error.Message, StringComparison.Ordinal);
            Assert.Contains("Storage__ConnectionString", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await DisposeAsync(host);
        }
    }

    [Fact]
    public async Task StartAsync_NoServiceBusConnection_FailsNamingTheSettingsToSet()
    {
        var host = Build(new Dictionary<string, string?>
        {
            ["Storage:TableServiceUri"] = "https://stexample.table.core.windows.net/",
            ["OrdersQueueName"] = "orders",
        });
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

            Assert.Contains("ServiceBusConnection__fullyQualifiedNamespace", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await DisposeAsync(host);
        }
    }

    [Fact]
    public async Task Services_IdentitySettings_BuildClientsForTheConfiguredEndpointsAndQueue()
    {
        var host = Build(new Dictionary<string, string?>
        {
            ["Storage:TableServiceUri"] = "https://stexample.table.core.windows.net/",
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "sb-example.servicebus.windows.net",
            ["OrdersQueueName"] = "orders",
        });
        try
        {
            Assert.Equal("stexample", host.Services.GetRequiredService<TableServiceClient>().AccountName);
            Assert.Equal("sb-example.servicebus.windows.net", host.Services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
            Assert.Equal("orders", host.Services.GetRequiredService<ServiceBusSender>().EntityPath);
            Assert.NotNull(host.Services.GetRequiredService<AzureTableStore>());
            Assert.NotNull(host.Services.GetRequiredService<ServiceBusOrderPublisher>());
        }
        finally
        {
            await DisposeAsync(host);
        }
    }

    [Fact]
    public async Task Services_LocalConnectionStrings_BuildClientsForAzuriteAndTheEmulator()
    {
        var host = Build(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["ServiceBusConnection"] = "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;",
            ["OrdersQueueName"] = "orders",
        });
        try
        {
            Assert.Equal("devstoreaccount1", host.Services.GetRequiredService<TableServiceClient>().AccountName);
            Assert.Equal("localhost", host.Services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        }
        finally
        {
            await DisposeAsync(host);
        }
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddOptions<AsyncFunctions.Core.Persistence.TableNames>();
        builder.AddAzureAdapters();
        return builder.Build();
    }

    // ServiceBusClient is only asynchronously disposable.
    private static async Task DisposeAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            host.Dispose();
    }
}
