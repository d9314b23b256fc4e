using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>The in-process topic has Service Bus semantics: duplicate detection at the topic, SQL-like filters, a lock per subscription.</summary>
public sealed class InMemoryTopicTests
{
    private readonly ManualClock _clock = new();

    private InMemoryTopic Topic(out InMemorySubscription all, out InMemorySubscription acme)
    {
        var topic = new InMemoryTopic("order-events", new BrokerQueueOptions { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) }, _clock);
        all = topic.AddSubscription("operations", SubscriptionFilter.All);
        acme = topic.AddSubscription("acme", SubscriptionFilter.PropertyEquals("source", "acme"));
        return topic;
    }

    private static OutboundMessage Message(string id, string? source) => new(id, "{}"u8.ToArray())
    {
        ApplicationProperties = source is null ? new Dictionary<string, object>() : new Dictionary<string, object> { ["source"] = source },
    };

    [Fact]
    public async Task Publish_SameMessageIdWithinWindow_DroppedAtTheTopic()
    {
        var topic = Topic(out var all, out _);

        await topic.PublishAsync([Message("e-1", "acme")]);
        await topic.PublishAsync([Message("e-1", "acme")]);

        Assert.Equal((1, 1), (topic.Accepted, topic.DuplicatesDropped));
        Assert.Equal(1, all.Counts().Active);
    }

    [Fact]
    public async Task RemoveSubscription_Removed_GetsNothingMoreAndTheOthersStillDo()
    {
        var topic = Topic(out var all, out var acme);

        Assert.True(topic.RemoveSubscription(acme));
        await topic.PublishAsync([Message("e-1", "acme")]);

        Assert.Equal(["operations"], topic.Subscriptions.Select(s => s.Name));
        Assert.Equal((1, 0), (all.Counts().Active, acme.Counts().Active));
        Assert.False(topic.RemoveSubscription(acme));
    }

    [Fact]
    public async Task Publish_AfterWindow_AcceptedAgain()
    {
        var topic = Topic(out var all, out _);
        await topic.PublishAsync([Message("e-1", "acme")]);

        _clock.Advance(TimeSpan.FromMinutes(11));
        await topic.PublishAsync([Message("e-1", "acme")]);

        Assert.Equal(2, all.Counts().Active);
    }

    [Fact]
    public async Task Publish_Filter_MatchesOnlyItsPartnerAndNeverAMissingProperty()
    {
        var topic = Topic(out var all, out var acme);

        await topic.PublishAsync([Message("e-1", "acme"), Message("e-2", "globex"), Message("e-3", null)]);

        Assert.Equal(3, all.Counts().Active);
        var only = await acme.ReceiveAsync(TimeSpan.Zero);
        Assert.Equal("e-1", only!.Message.MessageId);
        Assert.Null(await acme.ReceiveAsync(TimeSpan.Zero));
        Assert.Equal("source = 'acme'", acme.Filter.SqlExpression);
    }

    [Fact]
    public async Task Subscriptions_LockAndSettleIndependently()
    {
        var topic = Topic(out var all, out var acme);
        await topic.PublishAsync([Message("e-1", "acme")]);

        var fromAll = await all.ReceiveAsync(TimeSpan.Zero);
        var fromAcme = await acme.ReceiveAsync(TimeSpan.Zero);
        await fromAll!.CompleteAsync();
        await fromAcme!.AbandonAsync();

        Assert.Null(await all.ReceiveAsync(TimeSpan.Zero));
        var again = await acme.ReceiveAsync(TimeSpan.Zero);
        Assert.Equal(2, again!.Message.DeliveryCount);
    }

    [Fact]
    public async Task AddSubscription_SeesOnlyLaterMessages()
    {
        var topic = Topic(out _, out _);
        await topic.PublishAsync([Message("e-1", "globex")]);

        var late = topic.AddSubscription("globex", SubscriptionFilter.PropertyEquals("source", "globex"));
        await topic.PublishAsync([Message("e-2", "globex")]);

        Assert.Equal("e-2", (await late.ReceiveAsync(TimeSpan.Zero))!.Message.MessageId);
        Assert.Null(await late.ReceiveAsync(TimeSpan.Zero));
    }
}
