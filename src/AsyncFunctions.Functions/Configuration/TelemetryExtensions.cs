using AsyncFunctions.Core.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AsyncFunctions.Functions.Configuration;

/// <summary>
/// The worker's telemetry through OpenTelemetry: the Functions worker's defaults (its invocation spans and the
/// Azure resource attributes) and our source and meters. Exported to Azure Monitor (traces, metrics and logs)
/// with an Entra token when a connection string is configured, else nowhere (<see cref="WorkerTelemetryExport"/>).
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddWorkerTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Decided before anything is registered, so a deployment missing its identity fails at start, naming the setting.
        var export = WorkerTelemetryExport.From(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource([.. DispatchTelemetry.SourceNames]))
            .WithMetrics(metrics => metrics.AddMeter([.. DispatchTelemetry.MeterNames]));

        if (export is not null)
        {
            // One call for all three signals; it also turns logging on for the OpenTelemetry logger provider.
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = export.ConnectionString;
                options.Credential = export.CreateCredential();
            });
        }

        return builder;
    }
}
