using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>The outbox relay under the two crashes that matter: before the publish, and after it but before the clear.</summary>
public sealed class OrderEventRelayTests
{
    private readonly ManualClock _clock = new();
    private readonly FaultyTableStore _tables;
    private readonly InMemoryTopic _topic;
    private readonly CrashingPublisher _publisher;
    private readonly OrderEventRelay _relay;
    private readonly DispatchStore _store;

    public OrderEventRelayTests()
    {
        _tables = new FaultyTableStore(new InMemoryTableStore(_clock));
        _topic = InMemoryDispatchExtensions.CreateTopic(null, ["acme"], _clock);
        _publisher = new CrashingPublisher(_topic);
        _relay = new OrderEventRelay(_tables, Options.Create(new TableNames()), _publisher, Options.Create(new DispatchOptions()), _clock, NullLogger<OrderEventRelay>.Instance);
        _store = new DispatchStore(_tables, Options.Create(new TableNames()), _relay);
    }

    private InMemorySubscription Operations => _topic.Subscription(InMemoryDispatchExtensions.OperationsSubscription);

    [Fact]
    public async Task CrashBetweenCommitAndPublish_SweepPublishesTheEventOnce()
    {
        _publisher.FailBeforeSend = true;
        await AcceptAsync("o-1");
        Assert.Empty(await OrderEventFlowTests.ReceiveAllAsync(Operations));
        Assert.Single(await MarkersAsync());

        _publisher.FailBeforeSend = false;
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));
        var report = await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(1, report.Relayed);
        var published = Assert.Single(await OrderEventFlowTests.ReceiveAllAsync(Operations));
        Assert.Equal("o-1/000001", published.Id);
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task CrashAfterPublish_SweepResendsTheSameIdAndTheTopicDropsIt()
    {
        _publisher.FailAfterSend = true;
        await AcceptAsync("o-1");
        Assert.Single(await MarkersAsync());

        _publisher.FailAfterSend = false;
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));
        await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(2, _publisher.Sent.Count(id => id == "o-1/000001"));
        Assert.Equal(1, _topic.DuplicatesDropped);
        Assert.Single(await OrderEventFlowTests.ReceiveAllAsync(Operations));
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task Sweep_FreshMarker_LeftToTheHotPath()
    {
        _publisher.FailBeforeSend = true;
        await AcceptAsync("o-1");
        _publisher.FailBeforeSend = false;

        var report = await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(new EventSweepReport(0, 1), report);
        Assert.Single(await MarkersAsync());
    }

    [Fact]
    public async Task Sweep_SeveralPendingEventsOfOneOrder_PublishedInSequenceAndClearedInOneTransaction()
    {
        _publisher.FailBeforeSend = true;
        var order = await AcceptAsync("o-1");
        order = await _store.UpdateOrderAsync(order.ClaimOptimistically(_clock.GetUtcNow()).AwaitDriver(_clock.GetUtcNow(), _ => TimeSpan.FromSeconds(5)), CancellationToken.None);
        await _store.UpdateOrderAsync(order.ClaimOptimistically(_clock.GetUtcNow()).Assign("d-1", _clock.GetUtcNow()), CancellationToken.None);
        _publisher.FailBeforeSend = false;
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));
        var before = _tables.Transactions;

        await _relay.SweepAsync(CancellationToken.None);

        var published = await OrderEventFlowTests.ReceiveAllAsync(Operations);
        Assert.Equal([1, 2, 3], published.Select(e => e.Sequence));
        Assert.Equal(1, _publisher.Batches);
        Assert.Equal(1, _tables.Transactions - before);
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task Publish_ManyOrders_MarkersClearedInOneTransactionPerPartition()
    {
        var before = _tables.Transactions;
        for (var i = 0; i < 10; i++)
            await AcceptAsync($"o-{i}");
        Assert.Equal(10, (await MarkersAsync()).Count);
        // The seam counts the orders' own writes as the writes they are, not as transactions: none cleared yet.
        Assert.Equal(0, _tables.Transactions - before);

        _clock.Advance(OrderEventRelay.ClearAfter);
        await AcceptAsync("o-10");

        // One transaction deletes the eleven markers.
        Assert.Equal(1, _tables.Transactions - before);
        Assert.Empty(await MarkersAsync());
        Assert.Equal(11, (await OrderEventFlowTests.ReceiveAllAsync(Operations)).Count);
    }

    [Fact]
    public async Task Publish_PartnerOrder_ReachesThatPartnersSubscriptionOnly()
    {
        _topic.AddSubscription("globex", SubscriptionFilter.PropertyEquals(CloudEventMessages.PartnerProperty, "globex"));
        await AcceptAsync("o-1", source: "acme");

        Assert.Single(await OrderEventFlowTests.ReceiveAllAsync(_topic.Subscription("acme")));
        Assert.Empty(await OrderEventFlowTests.ReceiveAllAsync(_topic.Subscription("globex")));
        Assert.Single(await OrderEventFlowTests.ReceiveAllAsync(Operations));
    }

    [Fact]
    public async Task Sweep_PublishStillFails_CountedAsFailedAndTheMarkerKept()
    {
        _publisher.FailBeforeSend = true;
        await AcceptAsync("o-1");
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));

        var report = await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(new EventSweepReport(0, 0) { Failed = 1 }, report);
        Assert.Single(await MarkersAsync());
    }

    [Fact]
    public async Task Sweep_APartitionThatCannotBeRead_IsOneFailureAndTheOthersAreStillSwept()
    {
        _publisher.FailBeforeSend = true;
        await AcceptAsync("o-1");
        _publisher.FailBeforeSend = false;
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));
        // Query 1 lists the zones; query 2 reads the refusals' partition, and fails; the zone's (query 3) still relays.
        var queries = 0;
        _tables.FailOnce("query", when: (_, _) => ++queries == 2);

        var report = await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(1, report.Failed);
        Assert.Equal(1, report.Relayed);
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task Sweep_MarkersPartlyClearedByAnotherRelay_ClearsTheRestOneByOne()
    {
        _publisher.FailBeforeSend = true;
        await AcceptAsync("o-1");
        await AcceptAsync("o-2");
        _publisher.FailBeforeSend = false;
        _clock.Advance(new DispatchOptions().StaleAfter + TimeSpan.FromSeconds(1));
        // Another relay clears o-1's marker between this sweep's read and its delete transaction.
        _tables.BeforeNextTransaction = (inner, _) =>
            inner.DeleteAsync(new TableNames().DispatchTable, OrderBodies.Zone, EventKeys.MarkerRow("o-1", 1), "*");

        var report = await _relay.SweepAsync(CancellationToken.None);

        Assert.Equal(2, report.Relayed);
        Assert.Equal(0, report.Failed);
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task PublishCommitted_NoEvents_SendsNothingAndSaysSent()
    {
        Assert.True(await _relay.PublishCommittedAsync(OrderBodies.Zone, [], CancellationToken.None));
        Assert.Equal(0, _publisher.Batches);
    }

    [Fact]
    public async Task PublishCommitted_SendFails_SaysNotSentAndLeavesTheMarkerForTheSweep()
    {
        _publisher.FailBeforeSend = true;

        await AcceptAsync("o-1");

        Assert.Single(await MarkersAsync());
        Assert.Empty(_publisher.Sent);
    }

    private async Task<OrderRecord> AcceptAsync(string orderId, string source = "http")
    {
        var request = OrderParser.Parse(OrderBodies.Order(orderId).Bytes(), _clock.GetUtcNow()).Value!;
        var now = _clock.GetUtcNow();
        return await _store.AddOrderAsync(OrderLifecycle.Accept(request, "{}", "hash", source, null, now, now), CancellationToken.None);
    }

    private async Task<List<TableRow>> MarkersAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in _tables.QueryAsync(new TableNames().DispatchTable, TableQuery.PartitionPrefix(OrderBodies.Zone, EventKeys.MarkerPrefix)))
            rows.Add(row);
        return rows;
    }

    /// <summary>The topic, with a crash before the send or right after it, as the test says.</summary>
    private sealed class CrashingPublisher(IEventPublisher inner) : IEventPublisher
    {
        public bool FailBeforeSend { get; set; }

        public bool FailAfterSend { get; set; }

        public List<string> Sent { get; } = [];

        public int Batches { get; private set; }

        public async Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default)
        {
            if (FailBeforeSend)
                throw new IOException("Injected: the process died before the send.");
            await inner.PublishAsync(events, cancellationToken);
            Batches++;
            Sent.AddRange(events.Select(e => e.MessageId));
            if (FailAfterSend)
                throw new IOException("Injected: the process died after the send, before clearing the markers.");
        }
    }
}
