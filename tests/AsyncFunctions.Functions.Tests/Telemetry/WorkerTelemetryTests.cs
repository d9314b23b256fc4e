using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Functions.Configuration;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The Functions app's OpenTelemetry pipeline, built as Program.cs builds it: our spans, metrics and logs reach
/// Application Insights' ingestion endpoint, each request with a token the user-assigned managed identity got.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed partial class WorkerTelemetryTests
{
    private const string ClientId = "5f1c6f52-4c6a-4b9e-9d59-3f1f2a0c7e11";

    [Fact]
    public async Task AddWorkerTelemetry_InAzure_ExportsOurSpansMetricsAndLogsWithTheManagedIdentitysToken()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync();
        var ingestion = new IngestionRecorder();
        var spanName = $"span-{Guid.NewGuid():N}";
        var logText = $"log-{Guid.NewGuid():N}";
        var zone = $"z-{Guid.NewGuid():N}";
        using (var host = WorkerTelemetryHost.Build(ingestion, WorkerTelemetryHost.InAzure(ClientId)))
        {
            await host.StartAsync();
            var metrics = new DispatchMetrics(host.Services.GetRequiredService<IMeterFactory>());
            var resilience = new ResilienceMetrics(host.Services.GetRequiredService<IMeterFactory>());
            // A root span: whatever another test left current on this thread must not decide its sampling.
            Activity.Current = null;
            using (DispatchTracing.StartInternal(spanName, orderId: "o-telemetry"))
            {
                metrics.Assigned(zone);
                resilience.Retried(Dependency.Storage);
                Logged(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AsyncFunctions.Test"), logText);
            }

            // Stopping and disposing the host shuts the providers down, which flushes every exporter once.
            await host.StopAsync();
        }

        var span = Assert.Single(ingestion.OfType("RemoteDependencyData"), e => BaseData(e.Envelope)?["name"]?.ToString() == spanName);
        // Meters of the same name that other tests left alive in this process are exported too: the zone tells ours apart.
        var assigned = Assert.Single(ingestion.OfType("MetricData"), e => MetricNames(e.Envelope).Contains("dispatch.orders.assigned") && Property(e.Envelope, "zone") == zone);
        var retries = ingestion.OfType("MetricData").FirstOrDefault(e => MetricNames(e.Envelope).Contains("dispatch.transient.retries"));
        Assert.True(retries.Envelope is not null, "no dispatch.transient.retries envelope");
        var log = Assert.Single(ingestion.OfType("MessageData"), e => BaseData(e.Envelope)?["message"]?.ToString() == logText);

        // Entra auth: each signal was sent with the token the identity endpoint issued, for the configured identity.
        Assert.All([span, assigned, retries, log], e => Assert.Equal($"Bearer {identity.AccessToken}", e.Authorization));
        Assert.NotEmpty(identity.Requests);
        Assert.All(identity.Requests, query => Assert.Equal(ClientId, query["client_id"].ToString()));
    }

    [Fact]
    public void AddWorkerTelemetry_InAzure_GivesTheExporterAManagedIdentityCredentialAndTheConnectionString()
    {
        using var host = WorkerTelemetryHost.Build(new IngestionRecorder(), WorkerTelemetryHost.InAzure(ClientId));

        var options = host.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.Equal(WorkerTelemetryHost.ConnectionString, options.ConnectionString);
    }

    [Fact]
    public async Task AddWorkerTelemetry_WithoutConnectionString_RegistersNoExporterAndSendsNothing()
    {
        var ingestion = new IngestionRecorder();
        var settings = WorkerTelemetryHost.InAzure(ClientId);
        settings.Remove(WorkerTelemetryExport.ConnectionStringSetting);
        using (var host = WorkerTelemetryHost.Build(ingestion, settings))
        {
            await host.StartAsync();
            var metrics = new DispatchMetrics(host.Services.GetRequiredService<IMeterFactory>());
            using (DispatchTracing.StartInternal($"span-{Guid.NewGuid():N}"))
            {
                metrics.Assigned("z-telemetry");
                Logged(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AsyncFunctions.Test"), "nothing to export");
            }

            // Nothing of the exporter is registered: no options, processors, readers or hosted service of it.
            var exporterAssembly = typeof(AzureMonitorExporterOptions).Assembly;
            var registrations = host.Services.GetRequiredService<IServiceProviderIsService>();
            Assert.False(registrations.IsService(typeof(IConfigureOptions<AzureMonitorExporterOptions>)));
            Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Assembly == exporterAssembly);
            // No OpenTelemetry logger provider either: logs stay with the host's console and nowhere else.
            Assert.DoesNotContain(host.Services.GetServices<ILoggerProvider>(), p => p.GetType().Namespace == "OpenTelemetry.Logs");
            await host.StopAsync();
        }

        Assert.Equal(0, ingestion.Requests);
    }

    private static JsonNode? BaseData(JsonObject envelope) => envelope["data"]?["baseData"];

    private static string? Property(JsonObject envelope, string name) => BaseData(envelope)?["properties"]?[name]?.ToString();

    private static IEnumerable<string> MetricNames(JsonObject envelope) =>
        BaseData(envelope)?["metrics"]?.AsArray().Select(m => m?["name"]?.ToString() ?? "") ?? [];

    [LoggerMessage(Level = LogLevel.Information, Message = "{Text}")]
    private static partial void Logged(ILogger logger, string text);
}

/// <summary>Tests that set this process's environment (the managed identity endpoint) run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;
