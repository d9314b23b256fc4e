using AsyncFunctions.Azure.Messaging;
using AsyncFunctions.Core.Events;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Tests.Partner;

/// <summary>The documented partner consumer reads exactly what the app's topic sender sends, once per event id.</summary>
public sealed class PartnerEventConsumerTests
{
    private static OrderEvent Event(int sequence, string type) => new()
    {
        Stream = "p-1",
        Sequence = sequence,
        Type = type,
        Subject = "p-1",
        Time = new DateTimeOffset(2026, 1, 1, 12, 0, sequence, TimeSpan.Zero),
        Partner = "acme",
        Data = $$"""{"orderId":"p-1","status":"s{{sequence}}"}""",
    };

    // What the subscription delivers: the message the app's ServiceBusEventPublisher built, as received.
    private static ServiceBusReceivedMessage Received(OrderEvent orderEvent)
    {
        var sent = ServiceBusEventPublisher.ToServiceBusMessage(CloudEventMessages.ToMessage(orderEvent));
        return ServiceBusModelFactory.ServiceBusReceivedMessage(sent.Body, sent.MessageId, contentType: sent.ContentType,
            subject: sent.Subject, properties: sent.ApplicationProperties);
    }

    [Fact]
    public void From_AppsTopicMessage_ReadsEveryField()
    {
        var read = PartnerOrderEvent.From(Received(Event(2, OrderEventTypes.DriverAssigned)));

        Assert.Equal(("p-1/000002", OrderEventTypes.DriverAssigned, "p-1", 2), (read.Id, read.Type, read.OrderId, read.Sequence));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 2, TimeSpan.Zero), read.Time);
        Assert.Equal("s2", read.Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HandleAsync_DuplicateAndLateEvent_AppliedOnceAndTheHighestSequenceWins()
    {
        var book = new PartnerOrderBook();
        var handled = new List<string>();
        var completed = 0;
        Task Complete(ServiceBusReceivedMessage _, CancellationToken __) { completed++; return Task.CompletedTask; }

        foreach (var orderEvent in new[] { Event(1, OrderEventTypes.OrderAccepted), Event(3, OrderEventTypes.OrderDelivered), Event(2, OrderEventTypes.DriverAssigned), Event(3, OrderEventTypes.OrderDelivered) })
            await PartnerEventConsumer.HandleAsync(Received(orderEvent), book, e => { handled.Add(e.Id); return Task.CompletedTask; }, Complete);

        Assert.Equal(["p-1/000001", "p-1/000003", "p-1/000002"], handled);
        Assert.Equal(4, completed);
        Assert.Equal(OrderEventTypes.OrderDelivered, book.Latest("p-1")!.Type);
    }

    [Fact]
    public void ToServiceBusMessage_Event_MessageIdIsTheEventIdAndSubjectTheType()
    {
        var message = ServiceBusEventPublisher.ToServiceBusMessage(CloudEventMessages.ToMessage(Event(1, OrderEventTypes.OrderAccepted)));

        Assert.Equal("p-1/000001", message.MessageId);
        Assert.Equal(OrderEventTypes.OrderAccepted, message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("acme", message.ApplicationProperties["source"]);
        Assert.Equal("1.0", message.ApplicationProperties["cloudEvents:specversion"]);
    }
}
