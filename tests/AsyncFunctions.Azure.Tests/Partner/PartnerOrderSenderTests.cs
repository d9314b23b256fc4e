using Azure.Messaging.ServiceBus;
using Moq;

namespace AsyncFunctions.Azure.Tests.Partner;

public sealed class PartnerOrderSenderTests
{
    [Fact]
    public async Task SendOrderAsync_Order_SendsWhatTheAppExpectsOfAPartner()
    {
        var sender = new Mock<ServiceBusSender>();
        ServiceBusMessage? sent = null;
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent = m)
            .Returns(Task.CompletedTask);
        const string body = """{"orderId":"p-1","zone":"zone-a","pickup":{"lat":52.1,"lon":4.1},"dropoff":{"lat":52.2,"lon":4.2},"items":[{"sku":"soup","quantity":1}]}""";

        await PartnerOrderSender.SendOrderAsync(sender.Object, "p-1", "zone-a", body, "partner-a");

        Assert.NotNull(sent);
        Assert.Equal("p-1", sent.MessageId);
        Assert.Equal("zone-a", sent.SessionId);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("partner-a", sent.ApplicationProperties["source"]);
        Assert.Equal(body, sent.Body.ToString());
    }

    [Fact]
    public async Task Connect_Namespace_BuildsAnIdentityClientForIt()
    {
        await using var client = PartnerOrderSender.Connect("sb-example.servicebus.windows.net");

        Assert.Equal("sb-example.servicebus.windows.net", client.FullyQualifiedNamespace);
    }
}
