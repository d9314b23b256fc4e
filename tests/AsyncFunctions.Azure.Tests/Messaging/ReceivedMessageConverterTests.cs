using AsyncFunctions.Azure.Messaging;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Tests.Messaging;

public sealed class ReceivedMessageConverterTests
{
    [Fact]
    public void ToInbound_ReceivedMessage_CopiesEveryFieldTheCoreReads()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("""{"orderId":"o-1"}"""),
            messageId: "o-1",
            correlationId: "corr-1",
            sessionId: "zone-a",
            contentType: "application/json",
            properties: new Dictionary<string, object>
            {
                ["source"] = "partner-a",
                ["attempt"] = 3,
                ["DeadLetterReason"] = "InvalidOrder",
                ["DeadLetterErrorDescription"] = "zone: is required.",
            },
            deliveryCount: 4,
            sequenceNumber: 1234,
            deadLetterSource: "orders",
            enqueuedTime: new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero));

        var inbound = ReceivedMessageConverter.ToInbound(message);

        Assert.Equal("o-1", inbound.MessageId);
        Assert.Equal("""{"orderId":"o-1"}""", System.Text.Encoding.UTF8.GetString(inbound.Body.Span));
        Assert.Equal("application/json", inbound.ContentType);
        Assert.Equal("corr-1", inbound.CorrelationId);
        Assert.Equal("zone-a", inbound.SessionId);
        Assert.Equal("partner-a", inbound.ApplicationProperties["source"]);
        Assert.Equal(3, inbound.ApplicationProperties["attempt"]);
        Assert.Equal(4, inbound.DeliveryCount);
        Assert.Equal(1234, inbound.SequenceNumber);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero), inbound.EnqueuedTime);
        Assert.Equal("InvalidOrder", inbound.DeadLetterReason);
        Assert.Equal("zone: is required.", inbound.DeadLetterErrorDescription);
        Assert.Equal("orders", inbound.DeadLetterSource);
    }

    [Fact]
    public void ToInbound_NoMessageId_NamesTheMessageBySequenceNumber()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("{}"), messageId: null, sequenceNumber: 77);

        Assert.Equal("seq-77", ReceivedMessageConverter.ToInbound(message).MessageId);
    }
}
