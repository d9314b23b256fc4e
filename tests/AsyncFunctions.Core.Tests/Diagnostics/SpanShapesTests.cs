using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Storage;
using Moq;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The names, kinds, tags and statuses of the producer, consumer and table spans, as a trace view and its queries
/// (OpenTelemetry's messaging and database conventions) read them; and which context a span continues.
/// </summary>
public sealed class SpanShapesTests : IDisposable
{
    private const string Carried = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private readonly SpanRecorder _spans = new();

    public void Dispose() => _spans.Dispose();

    [Theory]
    [InlineData("get")]
    [InlineData("add")]
    [InlineData("update")]
    [InlineData("upsert")]
    [InlineData("delete")]
    [InlineData("transaction")]
    [InlineData("query")]
    public async Task TableCall_EachOperation_AClientSpanWithTheDatabaseTags(string operation)
    {
        var inner = new InMemoryTableStore();
        var etag = await inner.AddAsync("T", Row("a"));
        var store = new TracingTableStore(inner);
        using var root = SpanRecorder.StartRoot();

        await (operation switch
        {
            "get" => store.GetAsync("T", "p", "a"),
            "add" => store.AddAsync("T", Row("b")),
            "update" => store.UpdateAsync("T", Row("a"), etag),
            "upsert" => store.UpsertAsync("T", Row("b")),
            "delete" => store.DeleteAsync("T", "p", "a", etag),
            "transaction" => store.SubmitTransactionAsync("T", [TableAction.Add(Row("b"))]),
            _ => store.QueryAsync("T", new TableQuery { PartitionKey = "p" }).ToListAsync().AsTask(),
        });

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == $"{operation} T");
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.Equal("azure.tables", span.GetTagItem(DispatchTags.DbSystem));
        Assert.Equal("T", span.GetTagItem(DispatchTags.DbCollection));
        Assert.Equal(operation, span.GetTagItem(DispatchTags.DbOperation));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Null(span.GetTagItem("error.type"));
    }

    [Theory]
    [InlineData(TableErrorKind.NotFound, ActivityStatusCode.Unset)]
    [InlineData(TableErrorKind.AlreadyExists, ActivityStatusCode.Unset)]
    [InlineData(TableErrorKind.PreconditionFailed, ActivityStatusCode.Unset)]
    [InlineData(TableErrorKind.BadRequest, ActivityStatusCode.Error)]
    [InlineData(TableErrorKind.Transient, ActivityStatusCode.Error)]
    public async Task TableCall_StorageAnswers_OnlyBadRequestAndTransientFailTheSpan(TableErrorKind kind, ActivityStatusCode status)
    {
        var faulty = new FaultyTableStore(new InMemoryTableStore());
        var store = new TracingTableStore(faulty);
        faulty.FailOnce("update", fault: new TableStorageException(kind, "answer"));
        using var root = SpanRecorder.StartRoot();

        await Assert.ThrowsAsync<TableStorageException>(() => store.UpdateAsync("T", Row("a"), "*"));

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "update T");
        Assert.Equal(kind.ToString(), span.GetTagItem("error.type"));
        Assert.Equal(status, span.Status);
        Assert.Equal(status == ActivityStatusCode.Error ? kind.ToString() : null, span.StatusDescription);
    }

    [Fact]
    public async Task TableCall_OtherException_FailsTheSpanWithItsType()
    {
        var faulty = new FaultyTableStore(new InMemoryTableStore());
        var store = new TracingTableStore(faulty);
        faulty.FailOnce("delete", fault: new TimeoutException("slow"));
        using var root = SpanRecorder.StartRoot();

        await Assert.ThrowsAsync<TimeoutException>(() => store.DeleteAsync("T", "p", "a", "*"));

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "delete T");
        Assert.Equal(nameof(TimeoutException), span.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(nameof(TimeoutException), span.StatusDescription);
    }

    [Fact]
    public async Task Query_FailsMidway_FailsTheQuerySpan()
    {
        // A real store fails while paging (in MoveNextAsync), after the first rows came back.
        var inner = new Mock<ITableStore>();
        inner.Setup(s => s.QueryAsync("T", It.IsAny<TableQuery>(), It.IsAny<CancellationToken>())).Returns(FailAfterOneRowAsync);
        var store = new TracingTableStore(inner.Object);
        using var root = SpanRecorder.StartRoot();
        var read = new List<TableRow>();

        await Assert.ThrowsAsync<TableStorageException>(async () =>
        {
            await foreach (var row in store.QueryAsync("T", new TableQuery()))
                read.Add(row);
        });

        Assert.Single(read);

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "query T");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(nameof(TableErrorKind.Transient), span.GetTagItem("error.type"));
    }

    [Theory]
    [InlineData(false, "send")]
    [InlineData(true, "schedule")]
    public async Task Send_Message_AProducerSpanWhoseContextTheMessageCarries(bool scheduled, string operation)
    {
        var sent = new List<OutboundMessage>();
        var publisher = new TracingPublisher(new ListPublisher(sent));
        var message = new OutboundMessage("o-1:retry:2", ReadOnlyMemory<byte>.Empty)
        {
            ScheduledEnqueueTime = scheduled ? DateTimeOffset.UnixEpoch : null,
            ApplicationProperties = new Dictionary<string, object>
            {
                [MessageProperties.OrderId] = "o-1",
                [MessageProperties.Reason] = OrderMessages.Retry,
                [MessageProperties.Attempt] = 2,
                [TraceContextProperties.TraceState] = "stale=1",
            },
        };
        using var root = SpanRecorder.StartRoot();

        await publisher.SendAsync(message);

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == $"{operation} orders");
        Assert.Equal(ActivityKind.Producer, span.Kind);
        Assert.Equal(root.SpanId, span.ParentSpanId);
        Assert.Equal("servicebus", span.GetTagItem(DispatchTags.MessagingSystem));
        Assert.Equal("send", span.GetTagItem(DispatchTags.MessagingOperationType));
        Assert.Equal(operation, span.GetTagItem(DispatchTags.MessagingOperationName));
        Assert.Equal("orders", span.GetTagItem(DispatchTags.MessagingDestination));
        Assert.Equal("o-1:retry:2", span.GetTagItem(DispatchTags.MessagingMessageId));
        Assert.Equal("o-1", span.GetTagItem(DispatchTags.OrderId));
        Assert.Equal(OrderMessages.Retry, span.GetTagItem(DispatchTags.Reason));
        Assert.Equal(2, span.GetTagItem(DispatchTags.Attempt));
        var carried = Assert.Single(sent).ApplicationProperties;
        Assert.Equal(span.Id, carried[TraceContextProperties.TraceParent]);
        Assert.Equal(span.Id, carried[TraceContextProperties.DiagnosticId]);
        Assert.False(carried.ContainsKey(TraceContextProperties.TraceState));
        Assert.Equal(OrderMessages.Retry, carried[MessageProperties.Reason]);
    }

    [Fact]
    public async Task Send_Fails_FailsTheSpanWithTheExceptionTypeAndRethrows()
    {
        var publisher = new TracingPublisher(new FailingPublisher());
        using var root = SpanRecorder.StartRoot();

        await Assert.ThrowsAsync<InvalidOperationException>(() => publisher.SendAsync(new OutboundMessage("o-9", ReadOnlyMemory<byte>.Empty)));

        var span = Assert.Single(_spans.InTrace(root.TraceId), a => a.DisplayName == "send orders");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(nameof(InvalidOperationException), span.StatusDescription);
        Assert.Equal("o-9", span.GetTagItem(DispatchTags.OrderId));
    }

    [Fact]
    public void ConsumerSpan_Message_ConsumerSpanParentedOnTheCarriedContextWithTheMessagingTags()
    {
        Assert.Null(Activity.Current);
        var message = new InboundMessage("o-2:wake:1", ReadOnlyMemory<byte>.Empty)
        {
            DeliveryCount = 3,
            ApplicationProperties = new Dictionary<string, object?>
            {
                [TraceContextProperties.TraceParent] = Carried,
                [MessageProperties.OrderId] = "o-2",
                [MessageProperties.Attempt] = 4,
            },
        };

        using (var span = ConsumerSpan.Start(message, "orders/$deadletterqueue"))
        {
            Assert.NotNull(span);
            Assert.Equal("process orders/$deadletterqueue", span.DisplayName);
            Assert.Equal(ActivityKind.Consumer, span.Kind);
            Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToString());
            Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToString());
            Assert.Empty(span.Links);
            Assert.Equal("servicebus", span.GetTagItem(DispatchTags.MessagingSystem));
            Assert.Equal("process", span.GetTagItem(DispatchTags.MessagingOperationType));
            Assert.Equal("process", span.GetTagItem(DispatchTags.MessagingOperationName));
            Assert.Equal("orders/$deadletterqueue", span.GetTagItem(DispatchTags.MessagingDestination));
            Assert.Equal("o-2:wake:1", span.GetTagItem(DispatchTags.MessagingMessageId));
            Assert.Equal(3, span.GetTagItem(DispatchTags.MessagingDeliveryCount));
            Assert.Equal("o-2", span.GetTagItem(DispatchTags.OrderId));
            Assert.Equal(4, span.GetTagItem(DispatchTags.Attempt));
        }
    }

    [Fact]
    public void ParentOf_NothingCarried_TheCurrentSpanOrNone()
    {
        Assert.Equal((default(ActivityContext), (ActivityLink[]?)null), TraceContextProperties.ParentOf(null));
        using var root = SpanRecorder.StartRoot();

        var (parent, links) = TraceContextProperties.ParentOf(null);

        Assert.Equal(root.Context, parent);
        Assert.Null(links);
    }

    [Fact]
    public void ParentOf_CarriedAndNothingCurrent_TheCarriedContext()
    {
        var carried = ActivityContext.Parse(Carried, null);

        Assert.Equal((carried, (ActivityLink[]?)null), TraceContextProperties.ParentOf(carried));
    }

    [Fact]
    public void ParentOf_CarriedFromAnotherTrace_TheCarriedContextLinkedToTheCurrentSpan()
    {
        var carried = ActivityContext.Parse(Carried, null);
        using var root = SpanRecorder.StartRoot();

        var (parent, links) = TraceContextProperties.ParentOf(carried);

        Assert.Equal(carried, parent);
        Assert.Equal(root.Context, Assert.Single(links!).Context);
    }

    [Fact]
    public void ParentOf_CarriedFromTheCurrentTrace_TheCurrentSpanUnlinked()
    {
        using var root = SpanRecorder.StartRoot();
        var carried = new ActivityContext(root.TraceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);

        var (parent, links) = TraceContextProperties.ParentOf(carried);

        Assert.Equal(root.Context, parent);
        Assert.Null(links);
    }

    [Fact]
    public void Current_W3COnly()
    {
        Assert.Null(TraceContextProperties.Current());
        using (var w3c = new Activity("w3c").SetIdFormat(ActivityIdFormat.W3C).Start())
            Assert.Equal(w3c.Id, TraceContextProperties.Current());
        using (new Activity("old").SetIdFormat(ActivityIdFormat.Hierarchical).Start())
            Assert.Null(TraceContextProperties.Current());
    }

    [Fact]
    public void Inject_ActivityWithTraceState_CarriesIt()
    {
        using var activity = new Activity("send").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "ours=1";

        var properties = TraceContextProperties.Inject(new Dictionary<string, object>(), activity);

        Assert.Equal("ours=1", properties[TraceContextProperties.TraceState]);
        Assert.Equal(("traceparent", "tracestate", "Diagnostic-Id"),
            (TraceContextProperties.TraceParent, TraceContextProperties.TraceState, TraceContextProperties.DiagnosticId));
    }

    [Fact]
    public void Inject_ActivityWithEmptyTraceState_DropsTheStaleOne()
    {
        using var activity = new Activity("send").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "";

        var properties = TraceContextProperties.Inject(new Dictionary<string, object> { [TraceContextProperties.TraceState] = "old=1" }, activity);

        Assert.False(properties.ContainsKey(TraceContextProperties.TraceState));
    }

    [Fact]
    public void StartInternal_WithAndWithoutOrder_AnInternalSpanTaggedWithTheOrder()
    {
        using var root = SpanRecorder.StartRoot();

        using (var span = DispatchTracing.StartInternal("sweep"))
        {
            Assert.Equal(ActivityKind.Internal, span!.Kind);
            Assert.Equal("sweep", span.DisplayName);
            Assert.Null(span.GetTagItem(DispatchTags.OrderId));
        }

        using (var span = DispatchTracing.StartInternal("settle", "o-3"))
            Assert.Equal("o-3", span!.GetTagItem(DispatchTags.OrderId));
    }

    [Fact]
    public void TagNames_TheConventionsTraceQueriesUse()
    {
        Assert.Equal(
            ["messaging.system", "messaging.operation.type", "messaging.operation.name", "messaging.destination.name", "messaging.message.id",
             "messaging.servicebus.message.delivery_count", "db.system.name", "db.collection.name", "db.operation.name",
             "dispatch.order.id", "dispatch.zone", "dispatch.attempt", "dispatch.reason", "dispatch.outcome", "dispatch.driver.id", "servicebus"],
            [DispatchTags.MessagingSystem, DispatchTags.MessagingOperationType, DispatchTags.MessagingOperationName, DispatchTags.MessagingDestination,
             DispatchTags.MessagingMessageId, DispatchTags.MessagingDeliveryCount, DispatchTags.DbSystem, DispatchTags.DbCollection, DispatchTags.DbOperation,
             DispatchTags.OrderId, DispatchTags.Zone, DispatchTags.Attempt, DispatchTags.Reason, DispatchTags.Outcome, DispatchTags.DriverId, DispatchTags.ServiceBus]);
        Assert.Equal("orders", DispatchTracing.QueueName);
    }

    private static TableRow Row(string rowKey) => new("p", rowKey, new Dictionary<string, object?>());

    private static async IAsyncEnumerable<TableRow> FailAfterOneRowAsync()
    {
        yield return Row("a");
        await Task.Yield();
        throw new TableStorageException(TableErrorKind.Transient, "503 Server Busy");
    }

    private sealed class ListPublisher(List<OutboundMessage> sent) : IMessagePublisher
    {
        public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
        {
            sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingPublisher : IMessagePublisher
    {
        public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("bus down");
    }
}
