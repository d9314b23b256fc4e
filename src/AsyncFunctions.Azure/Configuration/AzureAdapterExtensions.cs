using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Azure.Tables;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Azure.Configuration;

/// <summary>Registers the Azure clients and the adapters over them, each built once from validated options.</summary>
public static class AzureAdapterExtensions
{
    /// <summary>Both adapters: what the Functions app runs on.</summary>
    public static IHostApplicationBuilder AddAzureAdapters(this IHostApplicationBuilder builder) =>
        builder.AddAzureTableStore().AddServiceBusPublisher();

    /// <summary><see cref="AzureTableStore"/> over the Storage__* settings, and table creation where they ask for it.</summary>
    public static IHostApplicationBuilder AddAzureTableStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // A missing setting stops the host at start with a message that names the setting.
        services.AddOptions<TableStorageOptions>()
            .BindConfiguration(TableStorageOptions.SectionName)
            .Validate(o => o.IsConfigured, TableStorageOptions.MissingMessage)
            .Validate(o => o.NetworkTimeout > TimeSpan.Zero && o.MaxRetries is >= 0 and <= 10, "Storage__NetworkTimeout must be positive and Storage__MaxRetries between 0 and 10.")
            .ValidateOnStart();

        AddCredential(services);
        services.AddSingleton(sp => AzureClientFactory.CreateTableServiceClient(
            sp.GetRequiredService<IOptions<TableStorageOptions>>().Value, sp.GetRequiredService<TokenCredential>()));
        services.AddSingleton<AzureTableStore>();

        // Against Azurite the tables are made at start; in Azure the Bicep made them.
        services.AddHostedService<LocalTableProvisioner>();
        return builder;
    }

    /// <summary><see cref="ServiceBusOrderPublisher"/> over the same ServiceBusConnection setting the triggers use.</summary>
    public static IHostApplicationBuilder AddServiceBusPublisher(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ServiceBusPublisherOptions>()
            .Configure<IConfiguration>(ReadServiceBusSettings)
            .Validate(o => o.IsConfigured, ServiceBusPublisherOptions.MissingMessage)
            .Validate(o => !string.IsNullOrWhiteSpace(o.QueueName), ServiceBusPublisherOptions.MissingQueueMessage)
            .ValidateOnStart();

        AddCredential(services);
        services.AddSingleton(sp => AzureClientFactory.CreateServiceBusClient(
            sp.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value, sp.GetRequiredService<TokenCredential>()));
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value.QueueName!));
        services.AddSingleton<ServiceBusOrderPublisher>();
        // Order events go to their topic on the same client (one AMQP connection), with the Data Sender role on the topic.
        services.AddSingleton(sp => new EventTopicSender(sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<ServiceBusPublisherOptions>>().Value.EventsTopicName)));
        services.AddSingleton<ServiceBusEventPublisher>();
        return builder;
    }

    // One credential for every client; AZURE_CLIENT_ID makes it pick the app's user-assigned identity.
    private static void AddCredential(IServiceCollection services) =>
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());

    private static void ReadServiceBusSettings(ServiceBusPublisherOptions options, IConfiguration configuration)
    {
        // The same setting the triggers use: a value means a connection string, a section means identity.
        var connection = configuration.GetSection(ServiceBusPublisherOptions.ConnectionName);
        options.ConnectionString = connection.Value;
        options.FullyQualifiedNamespace = connection["fullyQualifiedNamespace"];
        options.QueueName = configuration[ServiceBusPublisherOptions.QueueSetting];
        if (configuration[ServiceBusPublisherOptions.EventsTopicSetting] is { Length: > 0 } topic)
            options.EventsTopicName = topic;
    }
}
