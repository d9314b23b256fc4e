using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Tests.Support;
using Moq;

namespace AsyncFunctions.Core.Tests.Resilience;

/// <summary>
/// What an outage shows on the meter an alert watches: in-process retries, rescheduled copies, held
/// abandons and messages given up on, each by dependency, and the open-breaker gauge.
/// </summary>
public sealed class ResilienceCountersTests
{
    [Fact]
    public async Task ProcessAsync_StorageDown_CountsEachInProcessRetryAndTheRescheduledCopy()
    {
        using var h = new DispatchHarness();
        using var recorded = new MeterRecorder(h.Get<ResilienceMetrics>().Meter);
        var message = await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;

        await h.ProcessAsync(message);

        Assert.Equal(h.Get<Microsoft.Extensions.Options.IOptions<ResilienceOptions>>().Value.InProcessRetries, recorded["dispatch.transient.retries dependency=storage"]);
        Assert.Equal(1, recorded["dispatch.transient.rescheduled dependency=storage"]);
        Assert.Equal(0, recorded["dispatch.transient.gaveup dependency=storage"]);
    }

    [Fact]
    public async Task ProcessAsync_StorageDownForTheGiveUpTime_CountsOneGiveUp()
    {
        using var h = new DispatchHarness();
        using var recorded = new MeterRecorder(h.Get<ResilienceMetrics>().Meter);
        var message = await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;
        var first = Assert.IsType<MessageOutcome.RetryLater>((await h.ProcessAsync(message)).Outcome);
        h.Clock.Advance(TimeSpan.FromHours(1));

        await h.ProcessAsync(new InboundMessage(first.Next.MessageId, first.Next.Body)
        {
            ApplicationProperties = first.Next.ApplicationProperties.ToDictionary(p => p.Key, p => (object?)p.Value),
            SequenceNumber = 2,
        });

        Assert.Equal(1, recorded["dispatch.transient.gaveup dependency=storage"]);
        Assert.Equal(1, recorded["dispatch.transient.rescheduled dependency=storage"]);
    }

    [Fact]
    public async Task ProcessAsync_CopyCannotBeScheduled_CountsAHoldOnTheBus()
    {
        var publisher = new Mock<IMessagePublisher>();
        publisher.Setup(p => p.SendAsync(It.IsAny<OutboundMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("bus unreachable"));
        using var h = new DispatchHarness(publisher.Object);
        using var recorded = new MeterRecorder(h.Get<ResilienceMetrics>().Meter);
        await h.SubmitAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;

        await h.ProcessAsync(new InboundMessage("o-1", OrderBodies.Order("o-1").Bytes()) { SequenceNumber = 1 });

        Assert.Equal(1, recorded["dispatch.transient.held dependency=bus"]);
    }

    [Fact]
    public async Task CircuitOpenGauge_StorageBreakerOpens_ReadsOneForStorageOnly()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Resilience:BreakerMinimumThroughput"] = "2" });
        _ = h.Get<DependencyCircuits>();
        using var recorded = new MeterRecorder(h.Get<ResilienceMetrics>().Meter);
        recorded.ReadGauges();
        Assert.Equal(0, recorded["gauge:dispatch.circuit.open dependency=storage"]);

        var message = await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        h.Faults.Down = true;
        await h.ProcessAsync(message);
        recorded.ReadGauges();

        Assert.True(h.Get<DependencyCircuits>().Storage.IsBlocking);
        Assert.Equal(1, recorded["gauge:dispatch.circuit.open dependency=storage"]);
        Assert.Equal(0, recorded["gauge:dispatch.circuit.open dependency=bus"]);
    }

    [Fact]
    public async Task CircuitOpenGaugeAndTransitions_BusBreakerOpens_ReadOneForTheBusByDependency()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Resilience:BreakerMinimumThroughput"] = "2" });
        var circuits = h.Get<DependencyCircuits>();
        using var recorded = new MeterRecorder(h.Get<ResilienceMetrics>().Meter);
        for (var i = 0; i < 2; i++)
            await Assert.ThrowsAsync<TimeoutException>(async () => await circuits.Bus.ExecuteAsync<int>(_ => throw new TimeoutException("bus down"), CancellationToken.None));

        recorded.ReadGauges();

        Assert.Equal(1, recorded["gauge:dispatch.circuit.open dependency=bus"]);
        Assert.Equal(0, recorded["gauge:dispatch.circuit.open dependency=storage"]);
        Assert.Equal(1, recorded["dispatch.circuit.transitions dependency=bus state=open"]);
    }

    [Theory]
    [InlineData(Dependency.Storage, "storage", "StorageUnavailable", "table storage")]
    [InlineData(Dependency.Bus, "bus", "BusUnavailable", "the message bus")]
    [InlineData((Dependency)7, "7", "DependencyUnavailable", "7")]
    public void DependencyNames_EachDependency_HasItsMetricTagDeadLetterReasonAndDescription(Dependency dependency, string tag, string reason, string description)
    {
        Assert.Equal(tag, DependencyNames.Of(dependency));
        Assert.Equal(reason, DependencyNames.UnavailableReason(dependency));
        Assert.Equal(description, DependencyNames.Describe(dependency));
    }
}
