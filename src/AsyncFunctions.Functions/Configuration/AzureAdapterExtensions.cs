using AsyncFunctions.Functions.Adapters;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Functions.Configuration;

/// <summary>Registers the Azure clients and the adapters over them, each built once from validated options.</summary>
public static class AzureAdapterExtensions
{
    public static IHostApplicationBuilder AddAzureAdapters(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // A missing setting stops the host at start with a message that names the setting.
        services.AddOptions<TableStorageOptions>()
            .BindConfiguration(TableStorageOptions.SectionName)
            .Validate(o => o.IsConfigured, TableStorageOptions.MissingMessage)
            .ValidateOnStart();
        services.AddOptions<ServiceBusPublisherOptions>()
            .Configure<IConfiguration>(ReadServiceBusSettings)
            .Validate(o => o.IsConfigured, ServiceBusPublisherOptions.MissingMessage)
            .Validate(o => !string.IsNullOrWhiteSpace(o.QueueName), ServiceBusPublisherOptions.MissingQueueMessage)
            .ValidateOnStart();

        // One credential for every client; AZURE_CLIENT_ID makes it pick the app's user-assigned identity.
        services.AddSingleton<TokenCredential>(_ => new DefaultAzureCredential());

        services.AddSingleton(sp => CreateTableServiceClient(sp.GetRequiredService<IOptions<TableStorageOptions>>().Value, sp));
        services.AddSingleton(sp => CreateServiceBusClient(sp.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value, sp));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value.QueueName!));

        services.AddSingleton<AzureTableStore>();
        services.AddSingleton<ServiceBusOrderPublisher>();

        // Against Azurite the tables are made at start; in Azure the Bicep made them.
        services.AddHostedService<LocalTableProvisioner>();
        return builder;
    }

    private static void ReadServiceBusSettings(ServiceBusPublisherOptions options, IConfiguration configuration)
    {
        // The same setting the triggers use: a value means a connection string, a section means identity.
        var connection = configuration.GetSection(ServiceBusPublisherOptions.ConnectionName);
        options.ConnectionString = connection.Value;
        options.FullyQualifiedNamespace = connection["fullyQualifiedNamespace"];
        options.QueueName = configuration[ServiceBusPublisherOptions.QueueSetting];
    }

    private static TableServiceClient CreateTableServiceClient(TableStorageOptions options, IServiceProvider services) =>
        options.UsesConnectionString
            ? new TableServiceClient(options.ConnectionString!)
            : new TableServiceClient(options.TableServiceUri!, services.GetRequiredService<TokenCredential>());

    private static ServiceBusClient CreateServiceBusClient(ServiceBusPublisherOptions options, IServiceProvider services) =>
        options.UsesConnectionString
            ? new ServiceBusClient(options.ConnectionString!)
            : new ServiceBusClient(options.FullyQualifiedNamespace!, services.GetRequiredService<TokenCredential>());
}
