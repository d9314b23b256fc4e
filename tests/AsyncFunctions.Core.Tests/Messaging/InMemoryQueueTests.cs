using System.Diagnostics;
using System.Text;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Core.Tests.Messaging;

public sealed class InMemoryQueueTests
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(30);
    private readonly ManualClock _clock = new();
    private readonly InMemoryQueue _queue;

    public InMemoryQueueTests() =>
        _queue = new InMemoryQueue("orders", new BrokerQueueOptions
        {
            LockDuration = Lock,
            MaxDeliveryCount = 3,
            DuplicateDetectionWindow = TimeSpan.FromMinutes(10),
        }, _clock);

    private static OutboundMessage Message(string id, string body = "{}") => new(id, Encoding.UTF8.GetBytes(body));

    private Task<LockedMessage?> ReceiveNowAsync() => _queue.ReceiveAsync(TimeSpan.Zero);

    private async Task<LockedMessage> ReceiveOneAsync()
    {
        var message = await ReceiveNowAsync();
        Assert.NotNull(message);
        return message;
    }

    [Fact]
    public async Task ReceiveAsync_SeveralSent_DeliversInSendOrder()
    {
        await _queue.SendAsync(Message("a"));
        await _queue.SendAsync(Message("b"));
        await _queue.SendAsync(Message("c"));

        var ids = new List<string>();
        while (await ReceiveNowAsync() is { } locked)
            ids.Add(locked.Message.MessageId);

        Assert.Equal(["a", "b", "c"], ids);
    }

    [Fact]
    public async Task ReceiveAsync_MessageLocked_IsHiddenFromOtherReceivers()
    {
        await _queue.SendAsync(Message("a"));

        var first = await ReceiveOneAsync();

        Assert.Null(await ReceiveNowAsync());
        Assert.Equal(new BrokerCounts(0, 0, 1, 0), _queue.Counts());
        Assert.Equal(1, first.Message.DeliveryCount);
    }

    [Fact]
    public async Task CompleteAsync_LockedMessage_RemovesItForGood()
    {
        await _queue.SendAsync(Message("a"));
        var locked = await ReceiveOneAsync();

        await locked.CompleteAsync();
        _clock.Advance(Lock * 2);

        Assert.Null(await ReceiveNowAsync());
        Assert.Equal(new BrokerCounts(0, 0, 0, 0), _queue.Counts());
    }

    [Fact]
    public async Task AbandonAsync_LockedMessage_RedeliversWithDeliveryCountPlusOne()
    {
        await _queue.SendAsync(Message("a", "{\"n\":1}"));
        var first = await ReceiveOneAsync();

        await first.AbandonAsync();
        var second = await ReceiveOneAsync();

        Assert.Equal("a", second.Message.MessageId);
        Assert.Equal(2, second.Message.DeliveryCount);
        Assert.Equal(first.Message.SequenceNumber, second.Message.SequenceNumber);
        Assert.Equal("{\"n\":1}", Encoding.UTF8.GetString(second.Message.Body.Span));
    }

    [Fact]
    public async Task ReceiveAsync_LockExpired_RedeliversWithDeliveryCountPlusOne()
    {
        await _queue.SendAsync(Message("a"));
        var first = await ReceiveOneAsync();

        _clock.Advance(Lock - TimeSpan.FromSeconds(1));
        Assert.Null(await ReceiveNowAsync());
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await ReceiveOneAsync();

        Assert.Equal(first.Message.SequenceNumber, second.Message.SequenceNumber);
        Assert.Equal(2, second.Message.DeliveryCount);
    }

    [Fact]
    public async Task CompleteAsync_AfterLockExpired_ThrowsLockLostAndMessageComesBack()
    {
        await _queue.SendAsync(Message("a"));
        var locked = await ReceiveOneAsync();
        _clock.Advance(Lock);

        await Assert.ThrowsAsync<MessageLockLostException>(() => locked.CompleteAsync());

        var again = await ReceiveOneAsync();
        Assert.Equal("a", again.Message.MessageId);
    }

    [Fact]
    public async Task SettleAsync_AfterAnotherReceiverGotTheMessage_ThrowsLockLost()
    {
        await _queue.SendAsync(Message("a"));
        var stale = await ReceiveOneAsync();
        _clock.Advance(Lock);
        var current = await ReceiveOneAsync();

        await Assert.ThrowsAsync<MessageLockLostException>(() => stale.AbandonAsync());
        await Assert.ThrowsAsync<MessageLockLostException>(() => stale.DeadLetterAsync("r", "d"));

        await current.CompleteAsync();
        Assert.Equal(new BrokerCounts(0, 0, 0, 0), _queue.Counts());
    }

    [Fact]
    public async Task CompleteAsync_Twice_ThrowsLockLost()
    {
        await _queue.SendAsync(Message("a"));
        var locked = await ReceiveOneAsync();
        await locked.CompleteAsync();

        await Assert.ThrowsAsync<MessageLockLostException>(() => locked.CompleteAsync());
    }

    [Fact]
    public async Task AbandonAsync_MaxDeliveryCountReached_MovesOriginalToDeadLetterQueue()
    {
        await _queue.SendAsync(Message("a", "{\"orderId\":\"x\"}") with { CorrelationId = "corr-1" });

        for (var delivery = 1; delivery <= 3; delivery++)
        {
            var locked = await ReceiveOneAsync();
            Assert.Equal(delivery, locked.Message.DeliveryCount);
            await locked.AbandonAsync();
        }

        Assert.Null(await ReceiveNowAsync());
        var dead = await _queue.ReceiveDeadLetterAsync(TimeSpan.Zero);
        Assert.NotNull(dead);
        Assert.Equal("a", dead.Message.MessageId);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, dead.Message.DeadLetterReason);
        Assert.Equal("{\"orderId\":\"x\"}", Encoding.UTF8.GetString(dead.Message.Body.Span));
        Assert.Equal("corr-1", dead.Message.CorrelationId);
        Assert.Equal("orders", dead.Message.DeadLetterSource);
    }

    [Fact]
    public async Task ReceiveAsync_LockExpiredOnLastDelivery_MovesToDeadLetterQueue()
    {
        await _queue.SendAsync(Message("a"));
        for (var delivery = 1; delivery <= 3; delivery++)
        {
            Assert.NotNull(await ReceiveNowAsync());
            _clock.Advance(Lock);
        }

        Assert.Null(await ReceiveNowAsync());
        var dead = await _queue.ReceiveDeadLetterAsync(TimeSpan.Zero);
        Assert.Equal(DeadLetterReasons.MaxDeliveryCountExceeded, dead?.Message.DeadLetterReason);
    }

    [Fact]
    public async Task DeadLetterAsync_WithReason_PutsReasonAndDescriptionOnDeadLetterMessage()
    {
        await _queue.SendAsync(Message("a", "not json"));
        var locked = await ReceiveOneAsync();

        await locked.DeadLetterAsync(DeadLetterReasons.MalformedMessage, "The body is not valid JSON.");

        Assert.Null(await ReceiveNowAsync());
        var dead = await _queue.ReceiveDeadLetterAsync(TimeSpan.Zero);
        Assert.NotNull(dead);
        Assert.Equal(DeadLetterReasons.MalformedMessage, dead.Message.DeadLetterReason);
        Assert.Equal("The body is not valid JSON.", dead.Message.DeadLetterErrorDescription);
        Assert.Equal("not json", Encoding.UTF8.GetString(dead.Message.Body.Span));
        Assert.Equal(locked.Message.SequenceNumber, dead.Message.SequenceNumber);
        Assert.Equal(1, dead.Message.DeliveryCount);
    }

    [Fact]
    public async Task SendAsync_Scheduled_InvisibleUntilDue()
    {
        var due = _clock.GetUtcNow().AddMinutes(5);
        await _queue.SendAsync(Message("later") with { ScheduledEnqueueTime = due });
        await _queue.SendAsync(Message("now"));

        var now = await ReceiveOneAsync();
        await now.CompleteAsync();
        Assert.Equal("now", now.Message.MessageId);
        Assert.Null(await ReceiveNowAsync());
        Assert.Equal(1, _queue.Counts().Scheduled);

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        Assert.Null(await ReceiveNowAsync());
        _clock.Advance(TimeSpan.FromTicks(1));
        var later = await ReceiveOneAsync();
        Assert.Equal("later", later.Message.MessageId);
        Assert.Equal(due, later.Message.EnqueuedTime);
    }

    [Fact]
    public async Task SendAsync_SameMessageIdWithinWindow_DroppedAndCounted()
    {
        await _queue.SendAsync(Message("a", "first"));
        _clock.Advance(TimeSpan.FromMinutes(9));
        await _queue.SendAsync(Message("a", "second"));

        Assert.Equal(new BrokerCounts(1, 0, 0, 1), _queue.Counts());
        Assert.Equal("first", Encoding.UTF8.GetString((await ReceiveOneAsync()).Message.Body.Span));
        Assert.Null(await ReceiveNowAsync());
    }

    [Fact]
    public async Task SendAsync_SameMessageIdAfterWindow_Accepted()
    {
        await _queue.SendAsync(Message("a", "first"));
        _clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        await _queue.SendAsync(Message("a", "second"));

        Assert.Equal(new BrokerCounts(2, 0, 0, 0), _queue.Counts());
    }

    [Fact]
    public async Task SendAsync_InvalidMessageId_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _queue.SendAsync(Message("")));
        await Assert.ThrowsAsync<ArgumentException>(() => _queue.SendAsync(Message(new string('x', 129))));
    }

    [Fact]
    public async Task ReceiveAsync_NothingArrives_ReturnsNullAfterMaxWait()
    {
        var queue = new InMemoryQueue("orders");
        var watch = Stopwatch.StartNew();

        var message = await queue.ReceiveAsync(TimeSpan.FromMilliseconds(100));

        Assert.Null(message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ReceiveAsync_MessageSentWhileWaiting_ReturnsIt()
    {
        var queue = new InMemoryQueue("orders");

        var receive = queue.ReceiveAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(50);
        await queue.SendAsync(Message("a"));
        var message = await receive.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("a", message?.Message.MessageId);
    }

    [Fact]
    public async Task RenewLockAsync_BeforeExpiry_ExtendsTheLock()
    {
        await _queue.SendAsync(Message("a"));
        var locked = await ReceiveOneAsync();
        var firstExpiry = locked.LockedUntil;

        _clock.Advance(Lock * 0.8);
        await locked.RenewLockAsync();
        _clock.Advance(Lock * 0.5);

        Assert.Equal(_clock.GetUtcNow() + Lock * 0.5, locked.LockedUntil);
        Assert.True(_clock.GetUtcNow() > firstExpiry);
        Assert.Null(await ReceiveNowAsync());
        await locked.CompleteAsync();
        Assert.Equal(new BrokerCounts(0, 0, 0, 0), _queue.Counts());
    }

    [Fact]
    public async Task SendAsync_ApplicationProperties_ArriveOnReceivedMessage()
    {
        await _queue.SendAsync(Message("a") with
        {
            CorrelationId = "c-1",
            ContentType = "application/json",
            ApplicationProperties = new Dictionary<string, object> { ["source"] = "acme", ["attempt"] = 2 },
        });

        var message = (await ReceiveOneAsync()).Message;

        Assert.Equal("c-1", message.CorrelationId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("acme", message.ApplicationProperties["source"]);
        Assert.Equal(2, message.ApplicationProperties["attempt"]);
        Assert.Equal(_clock.GetUtcNow(), message.EnqueuedTime);
    }
}
