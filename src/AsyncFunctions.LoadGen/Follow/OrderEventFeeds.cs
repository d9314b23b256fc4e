using AsyncFunctions.LoadGen.Cli;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>The feed the options ask for: the topic in Azure when a namespace is given, the host's own stream otherwise.</summary>
public static class OrderEventFeeds
{
    public static IOrderEventFeed Create(LoadOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options is { EventsNamespace: { } ns, EventsSubscription: { } subscription }
            ? new ServiceBusEventFeed(ns, subscription)
            : new ServerSentEventFeed(http);
    }
}
