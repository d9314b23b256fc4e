using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Tests.Partner;

// The partner's send example quoted in docs/functions.md ("Sending from a partner system"). It is
// compiled and run here (PartnerOrderSenderTests) so the documented example cannot rot.
public static class PartnerOrderSender
{
    // A partner with a role assignment "Azure Service Bus Data Sender" on the queue signs in with its own identity.
    public static ServiceBusClient Connect(string fullyQualifiedNamespace) =>
        new(fullyQualifiedNamespace, new DefaultAzureCredential());

    public static async Task SendOrderAsync(ServiceBusSender sender, string orderId, string zone, string orderJson, string partner, CancellationToken cancellationToken = default)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(orderJson))
        {
            MessageId = orderId,                 // the queue drops a re-send with the same id (duplicate detection)
            SessionId = zone,                    // the order's zone: the queue serves each zone in its own session
            ContentType = "application/json",
        };
        message.ApplicationProperties["source"] = partner;
        await sender.SendMessageAsync(message, cancellationToken);
    }
}
