using System.Text;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Core.Tests.Messaging;

/// <summary>The in-memory queue with sessions, as the orders queue is in Azure: each zone's messages go to one holder at a time.</summary>
public sealed class InMemorySessionQueueTests
{
    private static readonly TimeSpan Lock = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private readonly ManualClock _clock = new();
    private readonly InMemoryQueue _queue;
    private readonly SessionHolder _a = new("instance-a", maxSessions: 2, callsPerSession: 2, Idle);
    private readonly SessionHolder _b = new("instance-b", maxSessions: 2, callsPerSession: 2, Idle);

    public InMemorySessionQueueTests() =>
        _queue = new InMemoryQueue("orders", new BrokerQueueOptions { LockDuration = Lock, MaxDeliveryCount = 3, RequiresSession = true }, _clock);

    private static OutboundMessage Message(string id, string? session) => new(id, Encoding.UTF8.GetBytes("{}")) { SessionId = session };

    private async Task SendAsync(string id, string session) => await _queue.SendAsync(Message(id, session));

    private Task<LockedMessage?> ReceiveNowAsync(SessionHolder holder) => _queue.ReceiveAsync(TimeSpan.Zero, holder);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task SendAsync_WithoutSessionId_IsRefusedAndNothingIsQueued(string? session)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _queue.SendAsync(Message("o-1", session)));

        Assert.Contains("SessionId", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new BrokerCounts(0, 0, 0, 0), _queue.Counts());
    }

    [Fact]
    public async Task ReceiveAsync_WithoutAHolder_IsRefused()
    {
        await SendAsync("o-1", "zone-a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _queue.ReceiveAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task ReceiveAsync_SessionHeldByOne_IsHiddenFromTheOther()
    {
        await SendAsync("o-1", "zone-a");
        await SendAsync("o-2", "zone-a");

        var first = await ReceiveNowAsync(_a);

        Assert.Equal("o-1", first!.Message.MessageId);
        Assert.Equal("zone-a", first.Message.SessionId);
        Assert.Null(await ReceiveNowAsync(_b));
        Assert.Equal("o-2", (await ReceiveNowAsync(_a))!.Message.MessageId);
        Assert.Equal(["zone-a"], _queue.SessionsHeldBy(_a));
        Assert.Empty(_queue.SessionsHeldBy(_b));
    }

    [Fact]
    public async Task ReceiveAsync_TwoSessions_OneHolderTakesTheOldestTheOtherTakesTheRest()
    {
        await SendAsync("o-1", "zone-a");
        await SendAsync("o-2", "zone-b");
        await SendAsync("o-3", "zone-a");
        var holderA = new SessionHolder("one-zone", maxSessions: 1, callsPerSession: 16, Idle);

        Assert.Equal("o-1", (await ReceiveNowAsync(holderA))!.Message.MessageId);
        Assert.Equal("o-3", (await ReceiveNowAsync(holderA))!.Message.MessageId);
        // At its maximum of one session, the holder does not take zone-b; the other holder does.
        Assert.Null(await ReceiveNowAsync(holderA));
        Assert.Equal("o-2", (await ReceiveNowAsync(_b))!.Message.MessageId);
    }

    [Fact]
    public async Task ReceiveAsync_CallsPerSessionReached_WaitsUntilOneIsSettled()
    {
        for (var i = 1; i <= 3; i++)
            await SendAsync($"o-{i}", "zone-a");

        var first = await ReceiveNowAsync(_a);
        Assert.NotNull(await ReceiveNowAsync(_a));
        Assert.Null(await ReceiveNowAsync(_a));

        await first!.CompleteAsync();

        Assert.Equal("o-3", (await ReceiveNowAsync(_a))!.Message.MessageId);
    }

    [Fact]
    public async Task IdleSession_IsLetGoAfterTheIdleTimeout_ThenAnotherHolderGetsIt()
    {
        await SendAsync("o-1", "zone-a");
        await (await ReceiveNowAsync(_a))!.CompleteAsync();
        await SendAsync("o-2", "zone-a");
        _clock.Advance(Idle - TimeSpan.FromMilliseconds(1));

        Assert.Null(await ReceiveNowAsync(_b));

        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("o-2", (await ReceiveNowAsync(_b))!.Message.MessageId);
        Assert.Empty(_queue.SessionsHeldBy(_a));
    }

    [Fact]
    public async Task SessionWithAMessageInFlight_IsNotLetGoWhenIdle_OnlyWhenItsLockRunsOut()
    {
        await SendAsync("o-1", "zone-a");
        await SendAsync("o-2", "zone-a");
        var held = await ReceiveNowAsync(_a);
        _clock.Advance(Idle + TimeSpan.FromSeconds(1));

        Assert.Null(await ReceiveNowAsync(_b));

        // The holder died: its message lock and its session lock run out together, and both messages go to the other.
        _clock.Advance(Lock);

        Assert.Equal("o-1", (await ReceiveNowAsync(_b))!.Message.MessageId);
        Assert.Equal("o-2", (await ReceiveNowAsync(_b))!.Message.MessageId);
        await Assert.ThrowsAsync<MessageLockLostException>(() => held!.CompleteAsync());
    }

    [Fact]
    public async Task RenewLock_KeepsTheSessionHeldPastTheLockDuration()
    {
        await SendAsync("o-1", "zone-a");
        await SendAsync("o-2", "zone-a");
        var held = await ReceiveNowAsync(_a);
        await ReceiveNowAsync(_a);
        await SendAsync("o-3", "zone-a");

        _clock.Advance(Lock - TimeSpan.FromSeconds(1));
        await held!.RenewLockAsync();
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(await ReceiveNowAsync(_b));
        Assert.Equal(["zone-a"], _queue.SessionsHeldBy(_a));
    }

    [Fact]
    public async Task DeadLetterQueue_OfASessionQueue_IsReceivedWithoutAHolder()
    {
        await SendAsync("o-1", "zone-a");
        await (await ReceiveNowAsync(_a))!.DeadLetterAsync(DeadLetterReasons.InvalidOrder, "test");

        var dead = await _queue.ReceiveDeadLetterAsync(TimeSpan.Zero);

        Assert.Equal("o-1", dead!.Message.MessageId);
        Assert.Equal("zone-a", dead.Message.SessionId);
    }

    [Fact]
    public async Task Counts_SessionMessages_AreCountedAsActive()
    {
        await SendAsync("o-1", "zone-a");
        await SendAsync("o-2", "zone-b");
        await ReceiveNowAsync(_a);

        Assert.Equal(new BrokerCounts(1, 0, 1, 0), _queue.Counts());
    }

    [Fact]
    public async Task ReceiveAsync_WaitingForASession_WakesWhenTheHolderLetsItGo()
    {
        var clock = TimeProvider.System;
        var queue = new InMemoryQueue("orders", new BrokerQueueOptions { LockDuration = Lock, RequiresSession = true }, clock);
        var a = new SessionHolder("a", idleTimeout: TimeSpan.FromMilliseconds(200));
        await queue.SendAsync(Message("o-1", "zone-a"));
        await (await queue.ReceiveAsync(TimeSpan.Zero, a))!.CompleteAsync();
        await queue.SendAsync(Message("o-2", "zone-a"));

        var received = await queue.ReceiveAsync(TimeSpan.FromSeconds(10), new SessionHolder("b"));

        Assert.Equal("o-2", received!.Message.MessageId);
    }

    [Fact]
    public async Task QueueWithoutSessions_IgnoresTheHolderAndTheSessionId()
    {
        var queue = new InMemoryQueue("orders", new BrokerQueueOptions(), _clock);
        await queue.SendAsync(Message("o-1", "zone-a"));
        await queue.SendAsync(Message("o-2", "zone-a"));

        Assert.NotNull(await queue.ReceiveAsync(TimeSpan.Zero, _a));
        Assert.NotNull(await queue.ReceiveAsync(TimeSpan.Zero, _b));
        Assert.Empty(queue.SessionsHeldBy(_a));
    }
}
