using AsyncFunctions.Core.Events;
using AsyncFunctions.LoadGen.Follow;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.LoadGen.Tests;

/// <summary>The Azure feed decodes the topic's messages as the app's own sender builds them (CloudEventMessages.ToMessage), no network.</summary>
public sealed class FollowedEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 6, TimeSpan.Zero);

    [Fact]
    public void TryDecode_DriverAssignedAsTheTopicCarriesIt_ReadsOrderSequenceTimeAndStatus()
    {
        var message = Received(CloudEventMessages.ToMessage(Event(OrderEventTypes.DriverAssigned, 2, "{\"orderId\":\"order-1\",\"status\":\"Assigned\",\"driverId\":\"driver-7\"}")));

        var followed = ServiceBusEventFeed.TryDecode(message);

        Assert.Equal(new FollowedEvent("order-1/000002", OrderEventTypes.DriverAssigned, "order-1", 2, At, "Assigned"), followed);
    }

    [Fact]
    public void TryDecode_AmqpTimestampAsDateTime_ReadsTheSameInstant()
    {
        // Off the wire an AMQP timestamp arrives as a UTC DateTime, not the DateTimeOffset the sender put in.
        var sent = CloudEventMessages.ToMessage(Event(OrderEventTypes.OrderAccepted, 1, "{\"status\":\"NeedsAssignment\"}"));
        var properties = sent.ApplicationProperties.ToDictionary();
        properties[CloudEventMessages.Attribute("time")] = At.UtcDateTime;

        var followed = ServiceBusEventFeed.TryDecode(ServiceBusModelFactory.ServiceBusReceivedMessage(BinaryData.FromBytes(sent.Body), properties: properties));

        Assert.Equal(At, followed!.Time);
        Assert.Equal("NeedsAssignment", followed.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("seven")]
    public void TryDecode_NotOneOfOurEvents_IsSkipped(string? sequence)
    {
        var properties = new Dictionary<string, object> { [CloudEventMessages.Attribute("id")] = "x" };
        if (sequence is not null)
            properties[CloudEventMessages.Attribute("sequence")] = sequence;

        Assert.Null(ServiceBusEventFeed.TryDecode(ServiceBusModelFactory.ServiceBusReceivedMessage(BinaryData.FromString("{}"), properties: properties)));
    }

    [Fact]
    public void TryDecode_BodyNotJson_IsSkipped()
    {
        var message = Received(CloudEventMessages.ToMessage(Event(OrderEventTypes.OrderAccepted, 1, "not json")));

        Assert.Null(ServiceBusEventFeed.TryDecode(message));
    }

    [Fact]
    public void FromJson_TheStreamsCloudEvent_ReadsTheSameFields()
    {
        var json = """{"specversion":"1.0","id":"order-1/000002","source":"/asyncfunctions/dispatch","type":"asyncfunctions.dispatch.DriverAssigned","subject":"order-1","time":"2026-03-02T09:00:06+00:00","sequence":"000002","partner":"http","datacontenttype":"application/json","data":{"status":"Assigned"}}""";

        Assert.Equal(new FollowedEvent("order-1/000002", OrderEventTypes.DriverAssigned, "order-1", 2, At, "Assigned"), FollowedEvents.FromJson(json));
    }

    private static ServiceBusReceivedMessage Received(Core.Messaging.OutboundMessage sent) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(BinaryData.FromBytes(sent.Body), messageId: sent.MessageId, contentType: sent.ContentType,
            properties: sent.ApplicationProperties.ToDictionary());

    private static OrderEvent Event(string type, int sequence, string data) => new()
    {
        Stream = "order-1",
        Sequence = sequence,
        Type = type,
        Subject = "order-1",
        Time = At,
        Partner = "http",
        Data = data,
    };
}
