using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>One order, one trace: through intake, the send, the delivery, the pick, the commit and the settlement.</summary>
public sealed class TracingFlowTests : IDisposable
{
    private readonly SpanRecorder _spans = new();
    private readonly DispatchHarness _h = new();

    public void Dispose()
    {
        _h.Dispose();
        _spans.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_OrderSubmittedInARequest_EveryStepIsInTheRequestsTrace()
    {
        await _h.AddDriverAsync("d-1");
        InboundMessage message;
        ActivityTraceId traceId;
        using (var request = SpanRecorder.StartRoot())
        {
            traceId = request.TraceId;
            message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("trace-flow-1"));
        }

        // The consumer runs later, with nothing current: only the message carries the context.
        Assert.Null(Activity.Current);
        await _h.ProcessAsync(message);

        var trace = _spans.InTrace(traceId);
        var intake = Assert.Single(trace, a => a.DisplayName == "intake");
        var send = Assert.Single(trace, a => a.DisplayName == "send orders");
        var delivery = Assert.Single(trace, a => a.DisplayName == "process orders");
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(intake.SpanId, send.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, delivery.Kind);
        Assert.Equal(send.SpanId, delivery.ParentSpanId);
        Assert.Equal(send.Id, message.ApplicationProperties[TraceContextProperties.TraceParent]);
        Assert.Equal(send.Id, message.ApplicationProperties[TraceContextProperties.DiagnosticId]);
        Assert.Equal("trace-flow-1", delivery.GetTagItem(DispatchTags.OrderId));
        Assert.Equal(1, delivery.GetTagItem(DispatchTags.MessagingDeliveryCount));
        Assert.Equal(nameof(MessageOutcome.Complete), delivery.GetTagItem(DispatchTags.Outcome));
        foreach (var step in new[] { "pick", "commit", "settle" })
            Assert.Equal(delivery.SpanId, Assert.Single(trace, a => a.DisplayName == step).ParentSpanId);
        Assert.Equal("d-1", Assert.Single(trace, a => a.DisplayName == "commit").GetTagItem(DispatchTags.DriverId));
        Assert.Contains(trace, a => a.DisplayName == "transaction Dispatch" && a.Kind == ActivityKind.Client);
        // The order row and its pending-index row are one entity-group transaction (issue 13), written under intake.
        Assert.Contains(trace, a => a.DisplayName == "transaction Dispatch" && a.ParentSpanId == intake.SpanId);
    }

    [Fact]
    public async Task ProcessAsync_PartnerMessageWithTraceparent_ContinuesThePartnersTrace()
    {
        await _h.AddDriverAsync("d-1");
        var partnerTrace = ActivityTraceId.CreateRandom();
        var partnerSpan = ActivitySpanId.CreateRandom();
        var message = new InboundMessage("trace-partner-1", OrderBodies.Order("trace-partner-1").Bytes())
        {
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object?>
            {
                [MessageProperties.Source] = "acme",
                [TraceContextProperties.TraceParent] = $"00-{partnerTrace}-{partnerSpan}-01",
            },
            SequenceNumber = 7,
        };

        await _h.ProcessAsync(message);

        var delivery = Assert.Single(_spans.InTrace(partnerTrace), a => a.DisplayName == "process orders");
        Assert.Equal(partnerSpan, delivery.ParentSpanId);
        Assert.Contains(_spans.InTrace(partnerTrace), a => a.DisplayName == "commit");
        // The order remembers the partner's trace, so its retries and sweeps stay in it.
        Assert.Contains(partnerTrace.ToString(), (await _h.OrderAsync("trace-partner-1"))!.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessAsync_NoDriverThenRetry_RetryContinuesTheOriginalTrace()
    {
        InboundMessage first;
        ActivityTraceId traceId;
        using (var request = SpanRecorder.StartRoot())
        {
            traceId = request.TraceId;
            first = await _h.SubmitAndReceiveAsync(OrderBodies.Order("trace-retry-1"));
        }

        var (outcome, _) = await _h.ProcessAsync(first);
        Assert.IsType<MessageOutcome.RetryLater>(outcome);
        await _h.AddDriverAsync("d-1");
        _h.Clock.Advance(TimeSpan.FromMinutes(2));
        // The new driver also wakes the order (a "wake" copy): that one continues the trace too.
        var copies = await _h.DrainAsync();
        var retry = Assert.Single(copies, m => m.MessageId.Contains(":retry:", StringComparison.Ordinal));
        var wake = Assert.Single(copies, m => m.MessageId.Contains(":wake:", StringComparison.Ordinal));
        Assert.Contains(traceId.ToString(), (string)wake.ApplicationProperties[TraceContextProperties.TraceParent]!, StringComparison.Ordinal);
        await _h.ProcessAsync(retry);

        var deliveries = _spans.InTrace(traceId).Where(a => a.DisplayName == "process orders").ToList();
        Assert.Equal(2, deliveries.Count);
        var schedule = Assert.Single(_spans.InTrace(traceId), a => a.DisplayName == "schedule orders");
        // The retry is scheduled while the first delivery settles (schedule, then complete).
        var settle = Assert.Single(_spans.InTrace(traceId), a => a.DisplayName == "settle" && a.ParentSpanId == deliveries[0].SpanId);
        Assert.Equal(settle.SpanId, schedule.ParentSpanId);
        Assert.Equal(schedule.SpanId, deliveries[1].ParentSpanId);
        Assert.Equal(OrderMessages.Retry, schedule.GetTagItem(DispatchTags.Reason));
    }

    [Fact]
    public async Task SweepAsync_LostMessage_RepublishContinuesTheOrdersTraceAndLinksTheSweep()
    {
        ActivityTraceId traceId;
        using (var request = SpanRecorder.StartRoot())
        {
            traceId = request.TraceId;
            await _h.SubmitAndReceiveAsync(OrderBodies.Order("trace-sweep-1")); // taken and never processed: lost
        }

        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        using (var timer = SpanRecorder.StartRoot("timer"))
            await _h.Sweeper.SweepAsync(CancellationToken.None);

        var sweep = _spans.Named("sweep").Single(a => a.ParentSpanId != default && _spans.InTrace(a.TraceId).Any(t => t.DisplayName == "timer"
            && t.SpanId == a.ParentSpanId && a.GetTagItem("dispatch.sweep.republished") is 1));
        var republish = Assert.Single(_spans.InTrace(traceId), a => a.DisplayName == "send orders" && a.GetTagItem(DispatchTags.Reason) is OrderMessages.Sweep);
        Assert.Equal(sweep.SpanId, Assert.Single(republish.Links).Context.SpanId);
        var message = Assert.Single(await _h.DrainAsync());
        Assert.Equal(republish.Id, message.ApplicationProperties[TraceContextProperties.TraceParent]);
    }

    [Fact]
    public async Task ReplayAsync_DeadLetteredOrder_ReplayContinuesTheOrdersTraceAndLinksTheRequest()
    {
        InboundMessage original;
        ActivityTraceId traceId;
        using (var request = SpanRecorder.StartRoot())
        {
            traceId = request.TraceId;
            original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("trace-replay-1"));
        }

        var dead = original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test", DeliveryCount = 3 };
        await _h.DeadLetterProcessor.ProcessAsync(dead, new RecordingSettlement(), CancellationToken.None);
        ActivitySpanId replayRequest;
        using (var operatorRequest = SpanRecorder.StartRoot("replay request"))
        {
            replayRequest = operatorRequest.SpanId;
            await _h.Replayer.ReplayAsync(Core.DeadLetters.DeadLetterIds.Of(dead), CancellationToken.None);
        }

        var recording = Assert.Single(_spans.InTrace(traceId), a => a.DisplayName == "process orders/$deadletterqueue");
        Assert.Equal("trace-replay-1", recording.GetTagItem(DispatchTags.OrderId));
        var replay = Assert.Single(_spans.ForOrder("trace-replay-1"), a => a.DisplayName == "send orders" && a.GetTagItem(DispatchTags.Reason) is OrderMessages.Replay);
        Assert.Equal(traceId, replay.TraceId);
        var link = Assert.Single(replay.Links).Context;
        Assert.Equal(replayRequest, _spans.InTrace(link.TraceId).Single(a => a.SpanId == link.SpanId).ParentSpanId);
        var message = Assert.Single(await _h.DrainAsync());
        Assert.Equal(replay.Id, message.ApplicationProperties[TraceContextProperties.TraceParent]);
    }
}
