using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Puts a message straight onto the host's queue, the way a partner system sends to Service Bus.</summary>
public static class PartnerMessages
{
    public static Task SendAsync(IServiceProvider services, JsonObject body, string messageId, string partner = "partner-acme") =>
        services.GetRequiredService<InMemoryQueue>().SendAsync(new OutboundMessage(messageId, Encoding.UTF8.GetBytes(body.ToJsonString()))
        {
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = partner },
        });
}
