using System.Text;
using System.Text.Json.Nodes;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// Puts a message straight onto the host's queue, the way a partner system sends to Service Bus: with SessionId = the
/// body's zone, as the partner contract says (a body without a string zone, being invalid anyway, goes to "no-zone").
/// </summary>
public static class PartnerMessages
{
    public static Task SendAsync(IServiceProvider services, JsonObject body, string messageId, string partner = "partner-acme") =>
        SendInSessionAsync(services, body, messageId, SessionOf(body), partner);

    /// <summary>The same with the SessionId the test chooses (null: none, which the session-enabled queue refuses).</summary>
    public static Task SendInSessionAsync(IServiceProvider services, JsonObject body, string messageId, string? sessionId, string partner = "partner-acme") =>
        services.GetRequiredService<InMemoryQueue>().SendAsync(new OutboundMessage(messageId, Encoding.UTF8.GetBytes(body.ToJsonString()))
        {
            ContentType = "application/json",
            SessionId = sessionId,
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = partner },
        });

    public static string SessionOf(JsonObject body) =>
        body["zone"] is JsonValue value && value.TryGetValue<string>(out var zone) && zone.Length > 0 ? zone : "no-zone";
}
