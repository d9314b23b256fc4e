using AsyncFunctions.Functions.Configuration;
using Azure.Core.Pipeline;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>
/// A host with the telemetry registration Program.cs makes (<see cref="TelemetryExtensions.AddWorkerTelemetry"/>),
/// on the settings a test gives (no machine environment leaks in). The exporter's HTTP goes to an
/// <see cref="IngestionRecorder"/>; the test changes nothing else about the pipeline it checks.
/// </summary>
internal static class WorkerTelemetryHost
{
    /// <summary>A connection string whose endpoints name no real host: every request ends in the recorder.</summary>
    public const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://ingestion.test/;LiveEndpoint=https://live.test/";

    public static IHost Build(IngestionRecorder ingestion, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkerTelemetry();
        builder.Services.PostConfigure<AzureMonitorExporterOptions>(options =>
        {
            options.Transport = new HttpClientTransport(ingestion);
            // A background side channel on its own schedule, and the disk buffer for failed sends: neither is what
            // these tests look at.
            options.EnableLiveMetrics = false;
            // Keep every trace: the exporter's default rate limit may drop the one span a test looks for.
            options.SamplingRatio = 1.0F;
            options.TracesPerSecond = null;
            options.DisableOfflineStorage = true;
        });
        return builder.Build();
    }

    /// <summary>The settings infra/app/api.bicep deploys for telemetry, on an instance in Azure.</summary>
    public static Dictionary<string, string?> InAzure(string clientId) => new()
    {
        [WorkerTelemetryExport.ConnectionStringSetting] = ConnectionString,
        [WorkerTelemetryExport.ClientIdSetting] = clientId,
        [WorkerTelemetryExport.AzureInstanceSetting] = "0123456789abcdef",
    };
}
