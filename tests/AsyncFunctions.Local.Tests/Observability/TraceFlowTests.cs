using AsyncFunctions.Testing.Logging;
using System.Diagnostics;
using System.Net;
using System.Text;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>
/// The local host's OpenTelemetry pipeline, exported to memory: a request's or a partner's W3C trace context
/// reaches the assignment, in spans and in the log scope of every line written while handling the message.
/// </summary>
public sealed class TraceFlowTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly ScopeCapturingLoggerProvider _logs = new();
    private AsyncFunctions.Testing.Hosting.LocalHostFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new LocalHostFactory()
            .With("Logging:LogLevel:AsyncFunctions", "Debug")
            .WithServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                services.AddSingleton<ILoggerProvider>(_logs);
            });
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Submit_WithTraceparent_HttpSpanSendDeliveryPickCommitAndSettleShareTheCallersTrace()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var trace = ActivityTraceId.CreateRandom();
        var callerSpan = ActivitySpanId.CreateRandom();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var response = await _client.PostOrderAsync(Bodies.Order(orderId, zone), $"00-{trace}-{callerSpan}-01");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _client.WaitForStatusAsync(orderId, "Assigned");
        var spans = await WaitForSpansAsync(trace, "settle");

        var http = Assert.Single(spans, a => a.Kind == ActivityKind.Server);
        Assert.Equal(callerSpan, http.ParentSpanId);
        var intake = Assert.Single(spans, a => a.DisplayName == "intake");
        Assert.Equal(http.SpanId, intake.ParentSpanId);
        var send = Assert.Single(spans, a => a.DisplayName == "send orders");
        Assert.Equal(intake.SpanId, send.ParentSpanId);
        var delivery = Assert.Single(spans, a => a.DisplayName == "process orders");
        Assert.Equal(send.SpanId, delivery.ParentSpanId);
        Assert.Equal(orderId, delivery.GetTagItem(DispatchTags.OrderId));
        foreach (var step in new[] { "pick", "commit", "settle" })
            Assert.Equal(delivery.SpanId, Assert.Single(spans, a => a.DisplayName == step).ParentSpanId);
        AssertHandlingLogsCarry(trace, orderId);
        // The example trace of docs/observability.md comes from here.
        foreach (var span in spans.OrderBy(a => a.StartTimeUtc))
            output.WriteLine($"{span.StartTimeUtc:HH:mm:ss.fff} {span.Duration.TotalMilliseconds,8:F2} ms {span.Kind,-8} {span.SpanId} <- {span.ParentSpanId} {span.DisplayName}");
    }

    [Fact]
    public async Task PartnerMessage_WithTraceparent_AssignmentContinuesThePartnersTrace()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var trace = ActivityTraceId.CreateRandom();
        var partnerSpan = ActivitySpanId.CreateRandom();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));

        await _factory.Services.GetRequiredService<InMemoryQueue>().SendAsync(new OutboundMessage(orderId, Encoding.UTF8.GetBytes(Bodies.Order(orderId, zone).ToJsonString()))
        {
            SessionId = zone,
            ApplicationProperties = new Dictionary<string, object>
            {
                [MessageProperties.Source] = "partner-acme",
                [TraceContextProperties.DiagnosticId] = $"00-{trace}-{partnerSpan}-01",
            },
        });
        await _client.WaitForStatusAsync(orderId, "Assigned");
        var spans = await WaitForSpansAsync(trace, "settle");

        var delivery = Assert.Single(spans, a => a.DisplayName == "process orders");
        Assert.Equal(partnerSpan, delivery.ParentSpanId);
        Assert.Contains(spans, a => a.DisplayName == "commit");
        AssertHandlingLogsCarry(trace, orderId);
    }

    private void AssertHandlingLogsCarry(ActivityTraceId trace, string orderId)
    {
        var handling = _logs.Lines.Where(l => l.Scope.TryGetValue("OrderId", out var id) && id as string == orderId).ToList();
        Assert.Contains(handling, l => l.Message.Contains("Complete", StringComparison.Ordinal));
        Assert.All(handling, l => Assert.Equal(trace.ToString(), l.Scope["TraceId"]));
    }

    /// <summary>The consumer runs in the background: wait until the last span of its handling was exported.</summary>
    private async Task<List<Activity>> WaitForSpansAsync(ActivityTraceId trace, string last)
    {
        var deadline = DateTime.UtcNow + ApiClient.Deadline;
        while (true)
        {
            List<Activity> inTrace;
            lock (_spans)
                inTrace = [.. _spans.Where(a => a.TraceId == trace)];
            if (inTrace.Any(a => a.DisplayName == last) || DateTime.UtcNow > deadline)
                return inTrace;
            await Task.Delay(20);
        }
    }
}
