using Azure.Core;
using Azure.Data.Tables;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Configuration;

/// <summary>
/// Builds each client from its options: a connection string where one is set (Azurite, the emulator,
/// local runs), otherwise the endpoint with the app's identity, which is how everything runs in Azure.
/// </summary>
public static class AzureClientFactory
{
    public static TableServiceClient CreateTableServiceClient(TableStorageOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        return options.UsesConnectionString
            ? new TableServiceClient(options.ConnectionString, clientOptions)
            : new TableServiceClient(options.TableServiceUri ?? throw new InvalidOperationException(TableStorageOptions.MissingMessage), credential, clientOptions);
    }

    public static ServiceBusClient CreateServiceBusClient(ServiceBusPublisherOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UsesConnectionString
            ? new ServiceBusClient(options.ConnectionString)
            : new ServiceBusClient(options.FullyQualifiedNamespace ?? throw new InvalidOperationException(ServiceBusPublisherOptions.MissingMessage), credential);
    }
}
