using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>Receives (what Service Bus bills) on both queues, and how long a dead letter waited before it was recorded.</summary>
public sealed class ReceiveAndDeadLetterMetricsTests : IDisposable
{
    private readonly DispatchHarness _h = new();
    private readonly InstrumentRecorder _recorded;

    public ReceiveAndDeadLetterMetricsTests() => _recorded = new InstrumentRecorder(_h.Get<DispatchMetrics>().Meter);

    public void Dispose()
    {
        _recorded.Dispose();
        _h.Dispose();
    }

    [Fact]
    public async Task ProcessAsync_EveryDelivery_CountsOneReceiveOnItsQueue()
    {
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("rx-1"));
        await _h.ProcessAsync(message); // no driver: retried later
        await _h.ProcessAsync(message with { DeliveryCount = 2 }); // a redelivery is billed again
        var dead = new InboundMessage("m-dead", OrderBodies.Raw("{}")) { SequenceNumber = 7, DeadLetterReason = DeadLetterReasons.MalformedMessage, EnqueuedTime = _h.Clock.GetUtcNow() };
        await _h.DeadLetterProcessor.ProcessAsync(dead, new RecordingSettlement(), CancellationToken.None);

        var receives = _recorded.Of(DispatchMetrics.ReceivesInstrument);
        Assert.Equal(2, receives.Count(r => r.Tag("queue") == DispatchTracing.QueueName && r.Value == 1));
        Assert.Equal(1, receives.Count(r => r.Tag("queue") == DispatchTracing.QueueName + "/$deadletterqueue" && r.Value == 1));
        Assert.Equal(3, receives.Count);
    }

    [Fact]
    public async Task ProcessAsync_DeadLetterRecorded_RecordsItsTimeInTheQueueByReason()
    {
        var enqueued = _h.Clock.GetUtcNow();
        _h.Clock.Advance(TimeSpan.FromSeconds(90));
        var dead = new InboundMessage("m-late", OrderBodies.Raw("{}")) { SequenceNumber = 8, DeadLetterReason = DeadLetterReasons.MalformedMessage, EnqueuedTime = enqueued };

        await _h.DeadLetterProcessor.ProcessAsync(dead, new RecordingSettlement(), CancellationToken.None);
        // A redelivery of a message already recorded is not a second wait.
        await _h.DeadLetterProcessor.ProcessAsync(dead with { DeliveryCount = 2 }, new RecordingSettlement(), CancellationToken.None);

        var waited = Assert.Single(_recorded.Of(DispatchMetrics.DeadLetterTimeInQueueInstrument));
        Assert.Equal(90, waited.Value, 3);
        Assert.Equal(DeadLetterReasons.MalformedMessage, waited.Tag("reason"));
    }
}
