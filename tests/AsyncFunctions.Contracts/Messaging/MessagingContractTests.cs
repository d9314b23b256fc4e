using System.Diagnostics;
using System.Text;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Contracts.Messaging;

/// <summary>
/// The messaging port's contract: what the core relies on from any broker (peek-lock settlement, delivery
/// count, dead-letter with reason, scheduled enqueue), run against every implementation. What differs from
/// Service Bus is declared by the implementation (<see cref="Differences"/>), and the tests check the declared
/// behaviour, both ways. The core's own use of the broker, duplicates included, is in the Core part of this class.
/// </summary>
public abstract partial class MessagingContractTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1.5);

    protected abstract MessagingDifferences Differences { get; }

    /// <summary>A queue of its own for one test.</summary>
    protected abstract Task<IQueueUnderTest> CreateQueueAsync(QueueShape shape);

    private static QueueShape Default => new(MaxDeliveryCount: 3, LockDuration: TimeSpan.FromSeconds(1));

    private static OutboundMessage Message(string id, string body = """{"n":1}""") => new(id, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Send_ThenReceive_CarriesIdBodyContentTypeCorrelationAndProperties()
    {
        await using var queue = await CreateQueueAsync(Default);
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        await queue.Publisher.SendAsync(Message("m-1", """{"order":"o-1"}""") with
        {
            CorrelationId = "corr-1",
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-x", [MessageProperties.Attempt] = 2 },
        });

        var received = await ReceiveAsync(queue);

        var message = received.Message;
        Assert.Equal("m-1", message.MessageId);
        Assert.Equal("""{"order":"o-1"}""", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("corr-1", message.CorrelationId);
        Assert.Equal("partner-x", message.ApplicationProperties[MessageProperties.Source]);
        Assert.Equal(2, OrderMessages.AttemptOf(message));
        Assert.Equal(1, message.DeliveryCount);
        Assert.NotEqual(0, message.SequenceNumber);
        Assert.InRange(message.EnqueuedTime, before, DateTimeOffset.UtcNow.AddSeconds(5));
        await received.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task Complete_RemovesTheMessage()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1"));

        await (await ReceiveAsync(queue)).Settlement.CompleteAsync();

        Assert.Null(await queue.ReceiveAsync(Quiet));
    }

    [Fact]
    public async Task Abandon_RedeliversWithTheDeliveryCountUpAndTheSameSequenceNumber()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1"));
        var first = await ReceiveAsync(queue);

        await first.Settlement.AbandonAsync();
        var second = await ReceiveAsync(queue);

        Assert.Equal("m-1", second.Message.MessageId);
        Assert.Equal(2, second.Message.DeliveryCount);
        Assert.Equal(first.Message.SequenceNumber, second.Message.SequenceNumber);
        await second.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task Abandon_MaxDeliveryCountTimes_DeadLettersWithMaxDeliveryCountExceeded()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1"));

        for (var delivery = 1; delivery <= Default.MaxDeliveryCount; delivery++)
        {
            var received = await ReceiveAsync(queue);
            Assert.Equal(delivery, received.Message.DeliveryCount);
            await received.Settlement.AbandonAsync();
        }

        Assert.Null(await queue.ReceiveAsync(Quiet));
        var dead = await ReceiveDeadLetterAsync(queue);
        Assert.Equal("m-1", dead.Message.MessageId);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, dead.Message.DeadLetterReason);
        Assert.False(string.IsNullOrWhiteSpace(dead.Message.DeadLetterErrorDescription));
        await dead.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task DeadLetter_KeepsBodyAndPropertiesWithReasonAndDescription()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1", """{"bad":true}""") with
        {
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-x" },
        });
        var received = await ReceiveAsync(queue);

        await received.Settlement.DeadLetterAsync(DeadLetterReasons.InvalidOrder, "zone: required.");

        Assert.Null(await queue.ReceiveAsync(Quiet));
        var dead = await ReceiveDeadLetterAsync(queue);
        Assert.Equal("m-1", dead.Message.MessageId);
        Assert.Equal("""{"bad":true}""", Encoding.UTF8.GetString(dead.Message.Body.Span));
        Assert.Equal("partner-x", dead.Message.ApplicationProperties[MessageProperties.Source]);
        Assert.Equal(DeadLetterReasons.InvalidOrder, dead.Message.DeadLetterReason);
        Assert.Equal("zone: required.", dead.Message.DeadLetterErrorDescription);
        Assert.False(string.IsNullOrEmpty(dead.Message.DeadLetterSource));
        Assert.Equal(received.Message.SequenceNumber, dead.Message.SequenceNumber);
        await dead.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task Settle_Twice_TheSecondThrows()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1"));
        var received = await ReceiveAsync(queue);
        await received.Settlement.CompleteAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => received.Settlement.AbandonAsync());

        // And the queue still works: the failed settlement broke nothing.
        await queue.Publisher.SendAsync(Message("m-2"));
        await (await ReceiveAsync(queue)).Settlement.CompleteAsync();
    }

    [Fact]
    public async Task Schedule_HeldUntilDue_ThenDelivered()
    {
        await using var queue = await CreateQueueAsync(Default);
        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        await queue.Publisher.SendAsync(Message("m-1") with { ScheduledEnqueueTime = due });

        // Judged by when it arrives, not by how long a receive waited: on a loaded machine a wait can overrun.
        var received = await ReceiveAsync(queue);
        var arrived = DateTimeOffset.UtcNow;

        Assert.True(arrived >= due.AddMilliseconds(-50), $"delivered {(due - arrived).TotalMilliseconds:0} ms early");
        Assert.Equal(1, received.Message.DeliveryCount);
        await received.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task Schedule_HoursAhead_DoesNotHoldBackMessagesDueSooner()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("later") with { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddHours(3) });
        await queue.Publisher.SendAsync(Message("soon") with { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddSeconds(1) });
        await queue.Publisher.SendAsync(Message("now"));

        var first = await ReceiveAsync(queue);
        await first.Settlement.CompleteAsync();
        var second = await ReceiveAsync(queue);
        await second.Settlement.CompleteAsync();

        // Either order: under load "soon" may fall due before "now" was even sent. What matters is that "later" held back neither.
        Assert.Equal(["now", "soon"], new[] { first.Message.MessageId, second.Message.MessageId }.Order(StringComparer.Ordinal));
        Assert.Null(await queue.ReceiveAsync(Quiet));
    }

    [Fact]
    public async Task Send_SameMessageIdTwice_DeliveredAsTheImplementationDeclares()
    {
        await using var queue = await CreateQueueAsync(Default);
        await queue.Publisher.SendAsync(Message("m-1"));
        await queue.Publisher.SendAsync(Message("m-1"));

        var copies = 0;
        while (await queue.ReceiveAsync(Quiet) is { } received)
        {
            copies++;
            await received.Settlement.CompleteAsync();
        }

        Assert.Equal(Differences.DetectsDuplicates ? 1 : 2, copies);
    }

    [Fact]
    public async Task Unsettled_ComesBackOnlyIfTheImplementationsLocksExpire()
    {
        var shape = Default with { LockDuration = TimeSpan.FromSeconds(1) };
        await using var queue = await CreateQueueAsync(shape);
        await queue.Publisher.SendAsync(Message("m-1"));
        var held = await ReceiveAsync(queue);

        var again = await queue.ReceiveAsync(shape.LockDuration * 3);

        if (Differences.LocksExpire)
        {
            Assert.NotNull(again);
            Assert.Equal(2, again.Message.DeliveryCount);
            await again.Settlement.CompleteAsync();
        }
        else
        {
            // No lock to expire: the delivery is this consumer's while its channel lives.
            Assert.Null(again);
            await held.Settlement.CompleteAsync();
        }
    }

    [Fact]
    public async Task Unsettled_PastTheLockOrTheConsumerTimeout_ComesBackAndTheOldSettlementFails()
    {
        var shape = Default with { LockDuration = TimeSpan.FromSeconds(1) };
        var returnsAfter = Differences.LocksExpire
            ? shape.LockDuration
            : Differences.ConsumerTimeout ?? throw new InvalidOperationException("An implementation without lock expiry must declare its consumer timeout.");
        await using var queue = await CreateQueueAsync(shape);
        await queue.Publisher.SendAsync(Message("stuck"));
        var held = await ReceiveAsync(queue);

        // A consumer that never settles: the broker takes the message back (lock expiry, or a closed channel) and hands it out again.
        var clock = Stopwatch.StartNew();
        ReceivedMessage? again = null;
        while (again is null && clock.Elapsed < returnsAfter * 4 + TimeSpan.FromSeconds(60))
            again = await queue.ReceiveAsync(TimeSpan.FromSeconds(1));

        Assert.True(again is not null, $"not redelivered within {clock.Elapsed.TotalSeconds:0} s");
        Assert.Equal("stuck", again.Message.MessageId);
        Assert.Equal(2, again.Message.DeliveryCount);
        Assert.True(clock.Elapsed >= returnsAfter - TimeSpan.FromSeconds(1), $"came back after {clock.Elapsed.TotalSeconds:0.0} s, before {returnsAfter.TotalSeconds:0.0} s");
        await Assert.ThrowsAnyAsync<Exception>(() => held.Settlement.CompleteAsync());
        await again.Settlement.CompleteAsync();
    }

    [Fact]
    public async Task SequenceNumbers_UniqueAndGrowingInSendOrder()
    {
        await using var queue = await CreateQueueAsync(Default);
        for (var i = 0; i < 5; i++)
            await queue.Publisher.SendAsync(Message("m-" + i));

        var numbers = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var received = await ReceiveAsync(queue);
            numbers.Add(received.Message.SequenceNumber);
            await received.Settlement.CompleteAsync();
        }

        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(5, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Send_MessageIdLongerThanServiceBusAllows_IsRefused()
    {
        await using var queue = await CreateQueueAsync(Default);

        await Assert.ThrowsAsync<ArgumentException>(() => queue.Publisher.SendAsync(Message(new string('x', 129))));
    }

    private static async Task<ReceivedMessage> ReceiveAsync(IQueueUnderTest queue)
    {
        var clock = Stopwatch.StartNew();
        var received = await queue.ReceiveAsync(Wait);
        Assert.True(received is not null, $"nothing received within {clock.Elapsed.TotalSeconds:0.0} s");
        return received;
    }

    private static async Task<ReceivedMessage> ReceiveDeadLetterAsync(IQueueUnderTest queue)
    {
        var received = await queue.ReceiveDeadLetterAsync(Wait);
        Assert.True(received is not null, "nothing in the dead-letter queue");
        return received;
    }
}
