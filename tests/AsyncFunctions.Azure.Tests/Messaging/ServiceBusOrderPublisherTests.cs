using System.Text;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Azure.Messaging;
using Azure.Messaging.ServiceBus;
using Moq;

namespace AsyncFunctions.Azure.Tests.Messaging;

public sealed class ServiceBusOrderPublisherTests
{
    [Fact]
    public async Task SendAsync_NoScheduledTime_SendsNowWithIdsTypeAndProperties()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent = m)
            .Returns(Task.CompletedTask);

        await new ServiceBusOrderPublisher(sender.Object).SendAsync(Outbound(scheduled: null));

        sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Once);
        sender.VerifyNoOtherCalls();
        Assert.NotNull(sent);
        Assert.Equal("order-1:retry:2", sent.MessageId);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("order-1", sent.CorrelationId);
        Assert.Equal("zone-a", sent.SessionId);
        Assert.Equal("partner-a", sent.ApplicationProperties["source"]);
        Assert.Equal(2, sent.ApplicationProperties["attempt"]);
        Assert.Equal("""{"orderId":"order-1"}""", sent.Body.ToString());
    }

    [Fact]
    public async Task SendAsync_ScheduledTime_SchedulesForThatTime()
    {
        var sender = new Mock<ServiceBusSender>();
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), at, It.IsAny<CancellationToken>())).ReturnsAsync(99L);

        await new ServiceBusOrderPublisher(sender.Object).SendAsync(Outbound(at));

        sender.Verify(s => s.ScheduleMessageAsync(It.Is<ServiceBusMessage>(m => m.MessageId == "order-1:retry:2"), at, It.IsAny<CancellationToken>()), Times.Once);
        sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_CallerCancels_PassesTheTokenToTheSenderAndPropagatesTheCancellation()
    {
        var sender = new Mock<ServiceBusSender>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), cancelled.Token))
            .ThrowsAsync(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ServiceBusOrderPublisher(sender.Object).SendAsync(Outbound(scheduled: null), cancelled.Token));

        sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), cancelled.Token), Times.Once);
    }

    [Fact]
    public async Task SendAsync_ScheduledAndCancelled_PassesTheTokenToScheduleMessageAsync()
    {
        var sender = new Mock<ServiceBusSender>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
        sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), at, cancelled.Token))
            .ThrowsAsync(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ServiceBusOrderPublisher(sender.Object).SendAsync(Outbound(at), cancelled.Token));

        sender.Verify(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), at, cancelled.Token), Times.Once);
        sender.VerifyNoOtherCalls();
    }

    private static OutboundMessage Outbound(DateTimeOffset? scheduled) =>
        new("order-1:retry:2", Encoding.UTF8.GetBytes("""{"orderId":"order-1"}"""))
        {
            CorrelationId = "order-1",
            SessionId = "zone-a",
            ScheduledEnqueueTime = scheduled,
            ApplicationProperties = new Dictionary<string, object> { ["source"] = "partner-a", ["attempt"] = 2 },
        };
}
