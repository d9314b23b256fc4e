using AsyncFunctions.Testing.Logging;
using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncFunctions.Core.Tests.Diagnostics;

public sealed class DeliveryLogScopeTests : IDisposable
{
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    [Fact]
    public async Task ProcessAsync_PartnerTraceparent_EveryLogLineCarriesTraceIdAndOrderId()
    {
        var logs = new ScopeCapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var processor = new ProbeProcessor(factory.CreateLogger("probe"), factory.CreateLogger("other"));
        var trace = ActivityTraceId.CreateRandom();
        var message = new InboundMessage("scope-1", OrderBodies.Order("scope-1").Bytes())
        {
            ApplicationProperties = new Dictionary<string, object?> { [TraceContextProperties.TraceParent] = $"00-{trace}-{ActivitySpanId.CreateRandom()}-01" },
        };

        await processor.ProcessAsync(message, new RecordingSettlement(), CancellationToken.None);

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Category == "other" && l.Message == "deciding");
        Assert.All(lines, l =>
        {
            Assert.Equal(trace.ToString(), l.Scope["TraceId"]);
            Assert.Equal("scope-1", l.Scope["OrderId"]);
        });
    }

    /// <summary>Logs from another logger while deciding, as the assigner's collaborators do.</summary>
    private sealed class ProbeProcessor(ILogger logger, ILogger other)
        : MessageProcessor(new OutcomeSettler(new NullPublisher(), new DispatchMetrics(), NullLogger<OutcomeSettler>.Instance), logger)
    {
        protected override string Kind => "Probe";

        protected override Task<MessageOutcome> DecideAsync(InboundMessage message, CancellationToken cancellationToken)
        {
#pragma warning disable CA1848 // one plain call from a collaborator's logger is what this test needs; speed does not matter
            other.LogInformation("deciding");
#pragma warning restore CA1848
            return Task.FromResult<MessageOutcome>(new MessageOutcome.Complete("done"));
        }
    }

    private sealed class NullPublisher : IMessagePublisher
    {
        public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
