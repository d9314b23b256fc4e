using System.Diagnostics;
using System.Net;
using System.Text;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AsyncFunctions.Local.Tests.Observability;

/// <summary>Runs alone: it swaps the process's console while its host starts.</summary>
[CollectionDefinition(nameof(ConsoleCaptureCollection), DisableParallelization = true)]
public sealed class ConsoleCaptureCollection;

/// <summary>
/// The local host with the settings docs/observability.md gives (JSON console formatter, scopes included): the
/// console lines written while the assignment runs carry the caller's trace id and the order id in their scopes,
/// for an order POSTed with a <c>traceparent</c> header and for a partner message carrying one.
/// </summary>
[Collection(nameof(ConsoleCaptureCollection))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class JsonConsoleLogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ConsoleCapture _console = new();
    private LocalHostFactory _factory = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _factory = new LocalHostFactory();
        _factory.With("Logging:Console:FormatterName", "json")
            .With("Logging:Console:FormatterOptions:IncludeScopes", "true")
            .With("Logging:LogLevel:AsyncFunctions", "Debug");
        _console.Attach(() => _client = _factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _console.DisposeAsync();
    }

    [Fact]
    public async Task Submit_WithTraceparent_AssignmentLogLinesCarryTheTraceAndOrderInTheirScopes()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var trace = ActivityTraceId.CreateRandom();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));
        using var response = await _client.PostOrderAsync(Bodies.Order(orderId, zone), $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _client.WaitForStatusAsync(orderId, "Assigned");

        AssertAssignmentLinesCarry(await WaitForAssignmentLinesAsync(orderId), trace, orderId);
    }

    [Fact]
    public async Task PartnerMessage_WithTraceparent_AssignmentLogLinesCarryThePartnersTraceAndOrder()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var trace = ActivityTraceId.CreateRandom();
        using var put = await _client.PutDriverAsync(TestIds.Driver(), Bodies.Driver(zone));

        await _factory.Services.GetRequiredService<InMemoryQueue>().SendAsync(new OutboundMessage(orderId, Encoding.UTF8.GetBytes(Bodies.Order(orderId, zone).ToJsonString()))
        {
            SessionId = zone,
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object>
            {
                [MessageProperties.Source] = "partner-acme",
                [TraceContextProperties.TraceParent] = $"00-{trace}-{ActivitySpanId.CreateRandom()}-01",
            },
        });
        await _client.WaitForStatusAsync(orderId, "Assigned");

        AssertAssignmentLinesCarry(await WaitForAssignmentLinesAsync(orderId), trace, orderId);
    }

    private void AssertAssignmentLinesCarry(IReadOnlyList<JsonConsoleLine> lines, ActivityTraceId trace, string orderId)
    {
        foreach (var line in lines)
            output.WriteLine(line.Raw);
        // The handling's outcome line (the message completed after the assignment) is among them ...
        Assert.Contains(lines, l => l.Category.StartsWith("AsyncFunctions.", StringComparison.Ordinal) && l.Message.Contains("Complete", StringComparison.Ordinal));
        // ... and every line of the handling carries the caller's trace and the order.
        Assert.All(lines, l =>
        {
            Assert.Equal(trace.ToString(), l.Scopes["TraceId"]);
            Assert.Equal(orderId, l.Scopes["OrderId"]);
        });
    }

    /// <summary>The console logger writes on a background thread: wait until the handling's outcome line is out.</summary>
    private async Task<IReadOnlyList<JsonConsoleLine>> WaitForAssignmentLinesAsync(string orderId)
    {
        var deadline = DateTime.UtcNow + ApiClient.Deadline;
        while (true)
        {
            var lines = _console.Lines.Select(JsonConsoleLine.Parse)
                .Where(l => l is not null && l.Scopes.TryGetValue("OrderId", out var id) && id == orderId)
                .Select(l => l!)
                .ToList();
            if (lines.Any(l => l.Message.Contains("Complete", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
                return lines;
            await Task.Delay(50);
        }
    }
}
