using System.Text;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Persistence;

namespace AsyncFunctions.Core.Tests.Messaging;

/// <summary>
/// The order messages as the broker and the handlers see them: MessageIds (duplicate detection drops a reused one),
/// the application properties a handler reads back, the due time, and what a foreign message is read as.
/// </summary>
public sealed class OrderMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static OrderRecord Order(DateTimeOffset? nextAttemptAt = null, string? correlationId = null, string? traceParent = null) => new()
    {
        OrderId = "o-1",
        Zone = "z",
        PayloadHash = "h",
        Payload = "{\"orderId\":\"o-1\"}",
        Source = "acme",
        Attempts = 3,
        CorrelationId = correlationId,
        NextAttemptAt = nextAttemptAt,
        TraceParent = traceParent,
    };

    [Fact]
    public void Reasons_TheValuesHandlersAndDashboardsRead()
    {
        Assert.Equal(
            ["intake", "retry", "schedule", "recheck", "sweep", "wake", "replay", "handon", "conflict-recheck"],
            [OrderMessages.Intake, OrderMessages.Retry, OrderMessages.Schedule, OrderMessages.Recheck, OrderMessages.Sweep,
             OrderMessages.Wake, OrderMessages.Replay, OrderMessages.HandOn, OrderMessages.ConflictRecheck]);
        Assert.Equal(
            ["source", "attempt", "reason", "orderId", "replayOf"],
            [MessageProperties.Source, MessageProperties.Attempt, MessageProperties.Reason, MessageProperties.OrderId, MessageProperties.ReplayOf]);
    }

    [Fact]
    public void First_DueNow_SentAtOnceUnderTheOrderIdWithItsProperties()
    {
        var message = OrderMessages.First(Order(nextAttemptAt: Now), Now);

        Assert.Equal("o-1", message.MessageId);
        Assert.Null(message.ScheduledEnqueueTime);
        Assert.Equal("{\"orderId\":\"o-1\"}", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("o-1", message.CorrelationId);
        Assert.Equal(new Dictionary<string, object>
        {
            [MessageProperties.Source] = "acme",
            [MessageProperties.Attempt] = 3,
            [MessageProperties.Reason] = OrderMessages.Intake,
            [MessageProperties.OrderId] = "o-1",
        }, message.ApplicationProperties);
    }

    [Fact]
    public void First_DueLater_ScheduledAtTheDueTime()
    {
        var due = Now.AddTicks(1);

        Assert.Equal(due, OrderMessages.First(Order(nextAttemptAt: due), Now).ScheduledEnqueueTime);
        Assert.Null(OrderMessages.First(Order(nextAttemptAt: Now.AddTicks(-1)), Now).ScheduledEnqueueTime);
        Assert.Null(OrderMessages.First(Order(nextAttemptAt: null), Now).ScheduledEnqueueTime);
    }

    [Fact]
    public void FollowUp_IdPerReasonAndOccasion_KeepsCorrelationAndTrace()
    {
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var due = Now.AddMinutes(1);

        var message = OrderMessages.FollowUp(Order(correlationId: "c-9", traceParent: traceParent), OrderMessages.Retry, "4", due);

        Assert.Equal("o-1:retry:4", message.MessageId);
        Assert.Equal(due, message.ScheduledEnqueueTime);
        Assert.Equal("c-9", message.CorrelationId);
        Assert.Equal(OrderMessages.Retry, message.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal(traceParent, message.ApplicationProperties[TraceContextProperties.TraceParent]);
    }

    [Fact]
    public void WithTrace_OrderWithoutTraceOrNoOrder_AddsNothing()
    {
        Assert.Empty(OrderMessages.WithTrace(Order(), []));
        Assert.Empty(OrderMessages.WithTrace(null, []));
    }

    [Fact]
    public void ConflictRecheckOf_Copy_KeyedBySequenceNumberWithTheCopysBodyAndSource()
    {
        var body = Encoding.UTF8.GetBytes("{\"other\":1}");
        var inbound = new InboundMessage("o-1", body)
        {
            CorrelationId = "c-1",
            SequenceNumber = 42,
            ApplicationProperties = new Dictionary<string, object?> { [MessageProperties.Source] = "acme", [MessageProperties.Attempt] = 2 },
        };
        var due = Now.AddSeconds(5);

        var recheck = OrderMessages.ConflictRecheckOf(inbound, "o-1", due);

        Assert.Equal("o-1:conflict-recheck:42", recheck.MessageId);
        Assert.Equal(body, recheck.Body.ToArray());
        Assert.Equal("application/json", recheck.ContentType);
        Assert.Equal("c-1", recheck.CorrelationId);
        Assert.Equal(due, recheck.ScheduledEnqueueTime);
        Assert.Equal(new Dictionary<string, object>
        {
            [MessageProperties.Source] = "acme",
            [MessageProperties.Reason] = OrderMessages.ConflictRecheck,
            [MessageProperties.OrderId] = "o-1",
        }, recheck.ApplicationProperties);
        Assert.Equal("text/plain", OrderMessages.ConflictRecheckOf(inbound with { ContentType = "text/plain" }, "o-1", due).ContentType);
    }

    [Fact]
    public void IsConflictRecheck_OnlyTheRecheckReason()
    {
        Assert.True(OrderMessages.IsConflictRecheck(WithProperty(MessageProperties.Reason, OrderMessages.ConflictRecheck)));
        Assert.False(OrderMessages.IsConflictRecheck(WithProperty(MessageProperties.Reason, OrderMessages.Retry)));
        Assert.False(OrderMessages.IsConflictRecheck(WithProperty(MessageProperties.Source, OrderMessages.ConflictRecheck)));
    }

    [Fact]
    public void Ticks_UtcTicksInvariant()
    {
        Assert.Equal("639080388000000000", OrderMessages.Ticks(Now));
        Assert.Equal("639080388000000000", OrderMessages.Ticks(Now.ToOffset(TimeSpan.FromHours(2))));
    }

    [Fact]
    public void OrderIdOf_OrderIdProperty_ElseTheMessageId()
    {
        Assert.Equal("o-2", OrderMessages.OrderIdOf("o-2:retry:1", new Dictionary<string, object> { [MessageProperties.OrderId] = "o-2" }));
        Assert.Equal("partner-7", OrderMessages.OrderIdOf("partner-7", new Dictionary<string, object>()));
        Assert.Equal("partner-7", OrderMessages.OrderIdOf("partner-7", new Dictionary<string, object> { [MessageProperties.OrderId] = "" }));
        Assert.Equal("partner-7", OrderMessages.OrderIdOf("partner-7", new Dictionary<string, object> { [MessageProperties.OrderId] = 12 }));
    }

    [Theory]
    [InlineData(5, 5)]
    [InlineData(6L, 6)]
    [InlineData("7", 7)]
    [InlineData("seven", 0)]
    [InlineData("1,000", 0)]
    [InlineData(2.0, 0)]
    public void AttemptOf_IntLongOrInvariantString_ElseZero(object value, int expected) =>
        Assert.Equal(expected, OrderMessages.AttemptOf(WithProperty(MessageProperties.Attempt, value)));

    [Fact]
    public void AttemptOf_NoAttemptProperty_Zero() =>
        Assert.Equal(0, OrderMessages.AttemptOf(WithProperty(MessageProperties.Source, 9)));

    [Fact]
    public void SourceOf_ShortString_ElsePartner()
    {
        Assert.Equal("acme", OrderMessages.SourceOf(WithProperty(MessageProperties.Source, "acme")));
        Assert.Equal(new string('s', 64), OrderMessages.SourceOf(WithProperty(MessageProperties.Source, new string('s', 64))));
        Assert.Equal("x", OrderMessages.SourceOf(WithProperty(MessageProperties.Source, "x")));
        Assert.Equal("partner", OrderMessages.SourceOf(WithProperty(MessageProperties.Source, new string('s', 65))));
        Assert.Equal("partner", OrderMessages.SourceOf(WithProperty(MessageProperties.Source, "")));
        Assert.Equal("partner", OrderMessages.SourceOf(WithProperty(MessageProperties.Source, 3)));
        Assert.Equal("partner", OrderMessages.SourceOf(WithProperty(MessageProperties.Reason, "acme")));
    }

    [Fact]
    public void Messages_Defaults_AsTheBrokerExpects()
    {
        var inbound = new InboundMessage("m", ReadOnlyMemory<byte>.Empty);
        Assert.Equal(1, inbound.DeliveryCount);
        Assert.Empty(inbound.ApplicationProperties);
        var outbound = new OutboundMessage("m", ReadOnlyMemory<byte>.Empty);
        Assert.Equal("application/json", outbound.ContentType);
        Assert.Empty(outbound.ApplicationProperties);
        Assert.Null(outbound.ScheduledEnqueueTime);
    }

    private static InboundMessage WithProperty(string name, object value) =>
        new("m-1", ReadOnlyMemory<byte>.Empty) { ApplicationProperties = new Dictionary<string, object?> { [name] = value } };
}
