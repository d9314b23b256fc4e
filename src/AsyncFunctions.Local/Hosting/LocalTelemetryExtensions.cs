using AsyncFunctions.Core.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// OpenTelemetry for the local host: the HTTP server spans, the dispatch ActivitySource and meter. Exported
/// over OTLP only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>
/// and the other standard variables), so a newcomer's run sends nothing anywhere.
/// </summary>
public static class LocalTelemetryExtensions
{
    public const string ServiceName = "AsyncFunctions.Local";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddSource([.. DispatchTelemetry.SourceNames]).AddAspNetCoreInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter([.. DispatchTelemetry.MeterNames]));
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
            telemetry.UseOtlpExporter();
        return builder;
    }
}
