using System.Text.Json.Nodes;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Core.Tests.Events;

/// <summary>Every transition of the order flow stores exactly one event with the change and publishes it, in sequence order.</summary>
public sealed class OrderEventFlowTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private InMemorySubscription Operations => _h.Get<InMemoryTopic>().Subscription(InMemoryDispatchExtensions.OperationsSubscription);

    [Fact]
    public async Task Flow_AcceptAssignDeliver_ThreeEventsInSequenceOnTheTopicAndInTheHistory()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.True((await _h.Delivery.MarkDeliveredAsync("o-1", CancellationToken.None)).Succeeded);

        string[] expected = [OrderEventTypes.OrderAccepted, OrderEventTypes.DriverAssigned, OrderEventTypes.OrderDelivered];
        var history = await HistoryAsync("o-1");
        Assert.Equal(expected, history.Select(e => e.Type));
        Assert.Equal([1, 2, 3], history.Select(e => e.Sequence));
        var published = await ReceiveAllAsync(Operations);
        Assert.Equal(expected, published.Select(e => e.Type));
        Assert.Equal(["o-1/000001", "o-1/000002", "o-1/000003"], published.Select(e => e.Id));
        Assert.All(published, e => Assert.Equal("o-1", e.Subject));
        Assert.Equal("d-1", JsonNode.Parse(published[1].Data)!["driverId"]!.GetValue<string>());
        Assert.Equal(3, (await _h.OrderAsync("o-1"))!.EventSequence);
        // Published markers are deleted in batches: still there until the batch is cleared.
        Assert.Equal(3, (await MarkersAsync()).Count);
        await _h.Get<OrderEventRelay>().ClearPublishedAsync(CancellationToken.None);
        Assert.Empty(await MarkersAsync());
    }

    [Fact]
    public async Task Flow_NoDriverThenDriver_AwaitingDriverCarriesAttemptAndNextAttempt()
    {
        var (outcome, _) = await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.IsType<MessageOutcome.RetryLater>(outcome);
        var waiting = await _h.OrderAsync("o-1");

        var history = await HistoryAsync("o-1");
        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.AwaitingDriver], history.Select(e => e.Type));
        var data = JsonNode.Parse(history[1].Data)!;
        Assert.Equal(1, data["attempt"]!.GetValue<int>());
        Assert.Equal(waiting!.NextAttemptAt, data["nextAttemptAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("AwaitingDriver", data["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flow_DeadLetteredThenReplayed_OrderDeadLetteredWithReasonThenOrderReplayed()
    {
        var original = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        var dead = original with { DeadLetterReason = DeadLetterReasons.MaxDeliveryCountExceeded, DeadLetterErrorDescription = "test", DeliveryCount = 3 };
        await _h.Recorder.RecordAsync(dead, CancellationToken.None);
        await _h.Replayer.ReplayAsync(DeadLetterIds.Of(dead), CancellationToken.None);

        var history = await HistoryAsync("o-1");
        Assert.Equal([OrderEventTypes.OrderAccepted, OrderEventTypes.OrderDeadLettered, OrderEventTypes.OrderReplayed], history.Select(e => e.Type));
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, JsonNode.Parse(history[1].Data)!["reason"]!.GetValue<string>());
        // An accepted order that is dead-lettered is not also refused.
        Assert.DoesNotContain(await ReceiveAllAsync(Operations), e => e.Type == OrderEventTypes.OrderRefused);
    }

    [Fact]
    public async Task Flow_DuplicateMessageAndDuplicateSubmit_AddNoEvent()
    {
        await _h.AddDriverAsync("d-1");
        var message = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        await _h.ProcessAsync(message);
        await _h.ProcessAsync(message);
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        Assert.Equal(2, (await HistoryAsync("o-1")).Count);
        Assert.Equal(2, (await ReceiveAllAsync(Operations)).Count);
    }

    [Fact]
    public async Task Recorder_InvalidPartnerMessage_RefusalInItsOwnPartitionCarryingThePartner()
    {
        var message = new Core.Messaging.InboundMessage("bad-1", OrderBodies.Raw("""{"orderId":"bad-1","zone":"NOT A ZONE"}"""))
        {
            ApplicationProperties = new Dictionary<string, object?> { [Core.Messaging.MessageProperties.Source] = "acme" },
            DeadLetterReason = DeadLetterReasons.InvalidOrder,
            DeadLetterErrorDescription = "The order is invalid",
            SequenceNumber = 7,
        };

        await _h.Recorder.RecordAsync(message, CancellationToken.None);
        await _h.Recorder.RecordAsync(message, CancellationToken.None);

        var refusal = Assert.Single(await ReceiveAllAsync(Operations));
        Assert.Equal(OrderEventTypes.OrderRefused, refusal.Type);
        Assert.Equal("acme", refusal.Partner);
        Assert.Equal("bad-1", refusal.Subject);
        Assert.Equal(DeadLetterReasons.InvalidOrder, JsonNode.Parse(refusal.Data)!["reason"]!.GetValue<string>());
        Assert.Single(await RowsAsync(EventKeys.RefusalPartition, EventKeys.EventPrefix));
        await _h.Get<OrderEventRelay>().ClearPublishedAsync(CancellationToken.None);
        Assert.Empty(await RowsAsync(EventKeys.RefusalPartition, EventKeys.MarkerPrefix));
    }

    [Fact]
    public async Task History_UnknownOrder_NotFound()
    {
        var result = await _h.Get<OrderHistory>().GetAsync("nobody", CancellationToken.None);
        Assert.Equal(Results.ResultKind.NotFound, result.Kind);
    }

    private async Task<List<OrderEvent>> HistoryAsync(string orderId)
    {
        var result = await _h.Get<OrderHistory>().GetAsync(orderId, CancellationToken.None);
        Assert.True(result.Succeeded, result.Detail);
        return [.. (await _h.Store.ListEventsAsync(OrderBodies.Zone, orderId, CancellationToken.None))];
    }

    private Task<List<TableRow>> MarkersAsync() => RowsAsync(OrderBodies.Zone, EventKeys.MarkerPrefix);

    private async Task<List<TableRow>> RowsAsync(string partition, string prefix)
    {
        var rows = new List<TableRow>();
        await foreach (var row in _h.Store.Tables.QueryAsync(_h.Store.Names.DispatchTable, TableQuery.PartitionPrefix(partition, prefix)))
            rows.Add(row);
        return rows;
    }

    internal static async Task<List<ReceivedEvent>> ReceiveAllAsync(InMemorySubscription subscription)
    {
        var received = new List<ReceivedEvent>();
        while (await subscription.ReceiveAsync(TimeSpan.Zero) is { } locked)
        {
            received.Add(CloudEventMessages.Read(locked.Message.ApplicationProperties, locked.Message.Body));
            await locked.CompleteAsync();
        }

        return received;
    }
}
