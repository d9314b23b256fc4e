using System.Text;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Functions.Tests.Support;

/// <summary>Received messages built the supported way, with <see cref="ServiceBusModelFactory"/>.</summary>
internal static class Messages
{
    public const string Zone = "zone-1";

    public static string OrderJson(string orderId) =>
        $$"""{"orderId":"{{orderId}}","zone":"{{Zone}}","pickup":{"lat":52.1,"lon":4.3},"dropoff":{"lat":52.2,"lon":4.4},"items":[{"sku":"pizza","quantity":1}]}""";

    public static byte[] DriverJson(bool available = true) =>
        Encoding.UTF8.GetBytes($$"""{"zone":"{{Zone}}","capacity":2,"location":{"lat":52.0,"lon":4.0},"available":{{(available ? "true" : "false")}}}""");

    public static ServiceBusReceivedMessage Received(string body, string messageId, IDictionary<string, object>? properties = null, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body),
            messageId: messageId,
            correlationId: "corr-" + messageId,
            contentType: "application/json",
            properties: properties ?? new Dictionary<string, object> { ["source"] = "partner-a" },
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount,
            sequenceNumber: 42,
            deadLetterSource: null,
            enqueuedTime: new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
}
