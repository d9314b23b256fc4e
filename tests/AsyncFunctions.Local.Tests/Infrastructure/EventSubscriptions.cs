using AsyncFunctions.Core.Events;
using AsyncFunctions.InMemory.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Reads the host's events topic the way a subscriber would: peek-lock, read the CloudEvent, complete.</summary>
public static class EventSubscriptions
{
    public static InMemorySubscription Subscription(this IServiceProvider services, string name) =>
        services.GetRequiredService<InMemoryTopic>().Subscription(name);

    /// <summary>Receives until <paramref name="count"/> events about <paramref name="subject"/> arrived (others are completed and dropped), or fails.</summary>
    public static async Task<List<ReceivedEvent>> WaitForEventsAsync(this InMemorySubscription subscription, string subject, int count, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? ApiClient.Deadline);
        var received = new List<ReceivedEvent>();
        while (received.Count < count)
        {
            if (DateTime.UtcNow > until)
                Assert.Fail($"{subscription.Name} got {received.Count} of {count} events about {subject}: {string.Join(", ", received.Select(e => e.Type))}");
            if (await subscription.ReceiveAsync(TimeSpan.FromMilliseconds(100)) is not { } locked)
                continue;
            var cloudEvent = CloudEventMessages.Read(locked.Message.ApplicationProperties, locked.Message.Body);
            await locked.CompleteAsync();
            if (cloudEvent.Subject == subject)
                received.Add(cloudEvent);
        }

        return received;
    }

    /// <summary>Every event about <paramref name="subject"/> available now (completed).</summary>
    public static async Task<List<ReceivedEvent>> AvailableAboutAsync(this InMemorySubscription subscription, string subject)
    {
        var received = new List<ReceivedEvent>();
        while (await subscription.ReceiveAsync(TimeSpan.Zero) is { } locked)
        {
            var cloudEvent = CloudEventMessages.Read(locked.Message.ApplicationProperties, locked.Message.Body);
            await locked.CompleteAsync();
            if (cloudEvent.Subject == subject)
                received.Add(cloudEvent);
        }

        return received;
    }
}
