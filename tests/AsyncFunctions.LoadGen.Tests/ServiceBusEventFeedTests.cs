using AsyncFunctions.Core.Events;
using AsyncFunctions.LoadGen.Follow;
using Azure.Messaging.ServiceBus;
using Moq;

namespace AsyncFunctions.LoadGen.Tests;

/// <summary>The Azure event feed over a fake receiver (Moq over the SDK's virtual members): what it reads, completes and gives up on.</summary>
public sealed class ServiceBusEventFeedTests
{
    private const string Path = "order-events/Subscriptions/loadgen";

    private static ServiceBusReceivedMessage Assigned(string orderId)
    {
        var sent = CloudEventMessages.ToMessage(new OrderEvent
        {
            Stream = orderId, Sequence = 2, Type = OrderEventTypes.DriverAssigned, Subject = orderId,
            Time = DateTimeOffset.UnixEpoch, Partner = "", Data = $$"""{"orderId":"{{orderId}}","driverId":"d-1","status":"Assigned"}""",
        });
        return ServiceBusModelFactory.ServiceBusReceivedMessage(BinaryData.FromBytes(sent.Body), messageId: sent.MessageId,
            properties: sent.ApplicationProperties.ToDictionary(p => p.Key, p => p.Value));
    }

    private static Mock<ServiceBusReceiver> Receiver(params Func<IReadOnlyList<ServiceBusReceivedMessage>>[] batches)
    {
        var receiver = new Mock<ServiceBusReceiver>();
        receiver.SetupGet(r => r.EntityPath).Returns(Path);
        receiver.SetupGet(r => r.FullyQualifiedNamespace).Returns("sb-test.servicebus.windows.net");
        var calls = 0;
        receiver.Setup(r => r.ReceiveMessagesAsync(It.IsAny<int>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => calls < batches.Length ? batches[calls++]() : []);
        return receiver;
    }

    private static async Task<FollowedEvent> FirstAsync(ServiceBusEventFeed feed)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var followed in feed.ReadAllAsync(timeout.Token))
            return followed;
        throw new InvalidOperationException("the feed ended");
    }

    [Fact]
    public async Task ReadAll_AnEvent_IsDecodedAndCompleted()
    {
        var message = Assigned("o-1");
        var receiver = Receiver(() => [message]);
        await using var feed = new ServiceBusEventFeed(receiver.Object);

        var followed = await FirstAsync(feed);

        Assert.Equal("o-1", followed.OrderId);
        receiver.Verify(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReadAll_CompleteLosesItsLock_TheEventStillCounts()
    {
        var receiver = Receiver(() => [Assigned("o-1")]);
        receiver.Setup(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ServiceBusException("lock lost", ServiceBusFailureReason.MessageLockLost));
        await using var feed = new ServiceBusEventFeed(receiver.Object);

        Assert.Equal("o-1", (await FirstAsync(feed)).OrderId);
    }

    [Fact]
    public async Task ReadAll_TransientReceiveFailure_TriesAgain()
    {
        var receiver = Receiver(() => throw new ServiceBusException("busy", ServiceBusFailureReason.ServiceBusy), () => [Assigned("o-2")]);
        await using var feed = new ServiceBusEventFeed(receiver.Object);

        Assert.Equal("o-2", (await FirstAsync(feed)).OrderId);
    }

    [Fact]
    public async Task ReadAll_SubscriptionGone_EndsTheFeedWithWhatFailed()
    {
        var receiver = Receiver(() => throw new ServiceBusException("no such entity", ServiceBusFailureReason.MessagingEntityNotFound));
        await using var feed = new ServiceBusEventFeed(receiver.Object);

        var failed = await Assert.ThrowsAsync<OrderEventFeedException>(() => FirstAsync(feed));

        Assert.Contains(Path, failed.Message, StringComparison.Ordinal);
        Assert.Contains("no such entity", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_NoRoleOnTheSubscription_SaysWhichAndWhere()
    {
        var receiver = Receiver();
        receiver.Setup(r => r.PeekMessageAsync(It.IsAny<long?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new UnauthorizedAccessException("Listen claim required"));
        await using var feed = new ServiceBusEventFeed(receiver.Object);

        var failed = await Assert.ThrowsAsync<OrderEventFeedException>(() => feed.ConnectAsync(CancellationToken.None));

        Assert.Equal($"cannot read {Path} on sb-test.servicebus.windows.net (Listen claim required).", failed.Message);
    }

    [Fact]
    public async Task Constructor_NamespaceAndSubscription_ReadsThatSubscriptionOfOrderEvents()
    {
        await using var feed = new ServiceBusEventFeed("sb-test.servicebus.windows.net", "loadgen");

        Assert.Equal(Path, feed.EntityPath);
    }
}
