using AsyncFunctions.Core.Configuration;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.InMemory;

/// <summary>Binds the core's ports to the in-process store and broker (local host, tests, benchmarks).</summary>
public static class InMemoryDispatchExtensions
{
    /// <summary>The operations subscription of the events topic: every event.</summary>
    public const string OperationsSubscription = "operations";

    /// <summary>
    /// The in-process store and broker: one <see cref="InMemoryTableStore"/>, one <see cref="InMemoryQueue"/> and one
    /// <see cref="InMemoryTopic"/> for order events per container. The topic has the operations subscription and one per
    /// partner in <paramref name="partners"/>, filtered on <c>source</c>, as infra/ deploys them.
    /// </summary>
    public static DispatchCoreBuilder UseInMemory(this DispatchCoreBuilder builder, BrokerQueueOptions? queueOptions = null, string queueName = "orders", IEnumerable<string>? partners = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var partnerList = partners?.ToList() ?? [];
        builder.Services.AddSingleton(sp => new InMemoryTableStore(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new InMemoryQueue(queueName, queueOptions, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => CreateTopic(queueOptions, partnerList, sp.GetRequiredService<TimeProvider>()));
        return builder.UseTableStore(sp => sp.GetRequiredService<InMemoryTableStore>())
            .UsePublisher(sp => sp.GetRequiredService<InMemoryQueue>())
            .UseEventPublisher(sp => sp.GetRequiredService<InMemoryTopic>());
    }

    /// <summary>The events topic with its subscriptions, made before anything is published (a subscription sees only later messages).</summary>
    public static InMemoryTopic CreateTopic(BrokerQueueOptions? options, IEnumerable<string> partners, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var topic = new InMemoryTopic(InMemoryTopic.DefaultName, options, time);
        topic.AddSubscription(OperationsSubscription, SubscriptionFilter.All);
        foreach (var partner in partners.Distinct(StringComparer.Ordinal))
            topic.AddSubscription(partner, SubscriptionFilter.PropertyEquals(Core.Events.CloudEventMessages.PartnerProperty, partner));
        return topic;
    }
}
