using System.Collections.Concurrent;
using AsyncFunctions.Local.Hosting;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>
/// The local host exports over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: without it no exporter is
/// registered at all; with it (pointed at a collector stand-in on a free port) the spans arrive there. The host
/// reads the variable while it is built, before a test host's settings apply, so these tests set the process
/// environment, and run alone.
/// </summary>
[Collection(nameof(OtlpEnvironmentCollection))]
public sealed class LocalTelemetryExportTests
{
    private const string ProtocolSetting = "OTEL_EXPORTER_OTLP_PROTOCOL";

    private static readonly System.Reflection.Assembly OtlpExporter = typeof(OtlpExporterOptions).Assembly;

    private static bool IsOtlp(ServiceDescriptor d) =>
        d.ServiceType.Assembly == OtlpExporter
        || d.ServiceType.GenericTypeArguments.Any(t => t.Assembly == OtlpExporter)
        || (!d.IsKeyedService && d.ImplementationType?.Assembly == OtlpExporter);

    [Fact]
    public async Task Host_WithoutOtlpEndpoint_RegistersNoExporter()
    {
        using var environment = new OtlpEnvironment(endpoint: null);
        List<ServiceDescriptor> registered = [];
        await using var factory = new LocalHostFactory()
            .WithServices(services => registered = [.. services]);
        using var client = factory.CreateClient();
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        health.EnsureSuccessStatusCode();

        Assert.NotEmpty(registered);
        Assert.DoesNotContain(registered, IsOtlp);
    }

    [Fact]
    public async Task Host_WithOtlpEndpoint_ExportsSpansToIt()
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var environment = new OtlpEnvironment(collector.Endpoint);
        List<ServiceDescriptor> registered = [];
        var factory = new LocalHostFactory()
            .WithServices(services => registered = [.. services]);
        await using (factory)
        {
            using var client = factory.CreateClient();
            using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
            health.EnsureSuccessStatusCode();
            // The batch exporter sends on its own schedule; flushing sends what the request produced now.
            Assert.True(factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        }

        Assert.Contains(registered, IsOtlp);
        Assert.True(collector.Paths.Contains("/v1/traces"), "posted: " + string.Join(", ", collector.Paths));
    }

    /// <summary>Sets (or clears) the standard OTLP variables of this process until disposed.</summary>
    private sealed class OtlpEnvironment : IDisposable
    {
        private readonly string? _endpoint = Environment.GetEnvironmentVariable(LocalTelemetryExtensions.OtlpEndpointSetting);
        private readonly string? _protocol = Environment.GetEnvironmentVariable(ProtocolSetting);

        public OtlpEnvironment(string? endpoint)
        {
            Environment.SetEnvironmentVariable(LocalTelemetryExtensions.OtlpEndpointSetting, endpoint);
            Environment.SetEnvironmentVariable(ProtocolSetting, endpoint is null ? null : "http/protobuf");
        }

        public void Dispose()
        {
            Environment.SetEnvironmentVariable(LocalTelemetryExtensions.OtlpEndpointSetting, _endpoint);
            Environment.SetEnvironmentVariable(ProtocolSetting, _protocol);
        }
    }

    /// <summary>An OTLP/HTTP receiver on 127.0.0.1 and a free port that accepts everything and keeps the paths posted to.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<string> _paths = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public string Endpoint { get; private set; } = "";

        public IReadOnlyList<string> Paths => [.. _paths];

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/{**path}", (HttpRequest request) =>
            {
                collector._paths.Enqueue(request.Path.Value ?? "");
                return Results.Ok();
            });
            await app.StartAsync();
            collector.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return collector;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}

/// <summary>Tests that set the process's OTLP variables run alone (after the parallel ones), so no other host sees them.</summary>
[CollectionDefinition(nameof(OtlpEnvironmentCollection), DisableParallelization = true)]
public sealed class OtlpEnvironmentCollection;
