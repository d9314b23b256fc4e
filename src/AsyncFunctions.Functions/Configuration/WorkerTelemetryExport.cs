using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace AsyncFunctions.Functions.Configuration;

/// <summary>
/// Where the worker exports and with which identity. Application Insights has local auth disabled
/// (infra/core/monitor), so ingestion takes an Entra token only: in Azure the app's user-assigned managed
/// identity (its client id in <see cref="ClientIdSetting"/>, the one the Bicep grants Monitoring Metrics
/// Publisher), outside Azure the developer's <see cref="DefaultAzureCredential"/>.
/// </summary>
/// <param name="ConnectionString">The Application Insights connection string: where to send, never a credential.</param>
/// <param name="ManagedIdentityClientId">In Azure, the user-assigned identity's client id; null outside Azure.</param>
public sealed record WorkerTelemetryExport(string ConnectionString, string? ManagedIdentityClientId)
{
    /// <summary>The standard setting the Azure Monitor exporter and the Functions host both read.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The user-assigned identity's client id, as Azure.Identity names it (infra/app/api.bicep sets it).</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    /// <summary>Set by App Service on every instance in Azure, never locally.</summary>
    public const string AzureInstanceSetting = "WEBSITE_INSTANCE_ID";

    /// <summary>The export the configuration asks for, or null when no connection string is set (export nothing).</summary>
    /// <exception cref="InvalidOperationException">In Azure with a connection string but no client id.</exception>
    public static WorkerTelemetryExport? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
            return null;

        var clientId = configuration[ClientIdSetting];
        var inAzure = !string.IsNullOrWhiteSpace(configuration[AzureInstanceSetting]);
        if (inAzure && string.IsNullOrWhiteSpace(clientId))
        {
            // Without it the managed identity credential would ask for a system-assigned identity the app does not
            // have, and every export would fail quietly in the background: better not to start.
            throw new InvalidOperationException(
                $"{ConnectionStringSetting} is set but {ClientIdSetting} is not: telemetry to Application Insights needs " +
                $"the client id of the app's user-assigned managed identity (Application Insights accepts Entra tokens only).");
        }

        // Outside Azure there is no managed identity to ask: DefaultAzureCredential finds the developer's sign-in
        // (and reads AZURE_CLIENT_ID itself where a service principal is configured).
        return new WorkerTelemetryExport(connectionString, inAzure ? clientId : null);
    }

    /// <summary>The credential the exporter gets its ingestion tokens from.</summary>
    public TokenCredential CreateCredential() => ManagedIdentityClientId is { } clientId
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : new DefaultAzureCredential();
}
