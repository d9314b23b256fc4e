using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Sweeping;

public sealed class OutboxRelayTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private Task<Core.Sweeping.SweepReport> SweepAsync() => _h.Sweeper.SweepAsync(CancellationToken.None);

    [Fact]
    public async Task SweepAsync_NeedsAssignmentPastDuePlusStaleAfter_RepublishesOnce()
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")); // its message is lost: taken and never processed
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal(new(1, 0, 0), first);
        Assert.Equal(0, second.Republished);
        var message = Assert.Single(await _h.DrainAsync());
        Assert.Equal($"o-1:sweep:{OrderMessages.Ticks(_h.Clock.GetUtcNow())}", message.MessageId);
        Assert.Equal(OrderMessages.Sweep, message.ApplicationProperties[MessageProperties.Reason]);
        Assert.Equal(_h.Clock.GetUtcNow(), (await _h.OrderAsync("o-1"))!.NextAttemptAt);
    }

    [Fact]
    public async Task SweepAsync_RepublishedOrderStaysStuck_RepublishedAgainAfterStaleAfter()
    {
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        await SweepAsync();
        await _h.DrainAsync();

        _h.Clock.Advance(_h.Options.StaleAfter + TimeSpan.FromSeconds(1));
        var report = await SweepAsync();

        Assert.Equal(1, report.Republished);
        Assert.Single(await _h.DrainAsync());
    }

    [Fact]
    public async Task SweepAsync_ExpiredLease_ReleasesClaimAndRepublishes()
    {
        // Only the explicit claim (Dispatch:ClaimBeforeAssign) leaves a leased InProgress order behind.
        using var claiming = new DispatchHarness(settings: new Dictionary<string, string?> { ["Dispatch:ClaimBeforeAssign"] = "true" });
        await claiming.AddDriverAsync("d-1");
        var message = await claiming.SubmitAndReceiveAsync(OrderBodies.Order("o-1"));
        claiming.Faults.FailOnce("transaction", fault: new InvalidOperationException("Simulated crash after the claim."));
        await claiming.ProcessAsync(message);
        Assert.Equal(OrderStatus.InProgress, (await claiming.OrderAsync("o-1"))!.Status);
        claiming.Clock.Advance(claiming.Options.LeaseDuration + TimeSpan.FromSeconds(1));

        var report = await claiming.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(new(1, 1, 0), report);
        var order = await claiming.OrderAsync("o-1");
        Assert.Equal(OrderStatus.NeedsAssignment, order!.Status);
        Assert.Null(order.ClaimedBy);
        Assert.Null(order.LeaseUntil);
        var republished = Assert.Single(await claiming.DrainAsync());
        Assert.StartsWith("o-1:sweep:", republished.MessageId, StringComparison.Ordinal);
        var (outcome, _) = await claiming.ProcessAsync(republished);
        Assert.IsType<MessageOutcome.Complete>(outcome);
        Assert.Equal(OrderStatus.Assigned, (await claiming.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task SweepAsync_FreshOrders_Untouched()
    {
        await _h.AddDriverAsync("d-1");
        var claimedMessage = await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-claimed"));
        _h.Faults.FailOnce("transaction");
        await _h.ProcessAsync(claimedMessage);
        await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-new"));
        _h.Clock.Advance(_h.Options.LeaseDuration - TimeSpan.FromSeconds(1));
        var claimed = await _h.OrderAsync("o-claimed");
        var fresh = await _h.OrderAsync("o-new");

        var report = await SweepAsync();

        Assert.Equal(new(0, 0, 0), report);
        Assert.Equal(claimed, await _h.OrderAsync("o-claimed"));
        Assert.Equal(fresh, await _h.OrderAsync("o-new"));
        Assert.Equal(new(0, 0, 0, 0), _h.Queue.Counts());
    }

    [Fact]
    public async Task SweepAsync_ScheduledForLater_UntouchedUntilOverdue()
    {
        var body = OrderBodies.Order("o-1");
        body["readyAt"] = _h.Clock.GetUtcNow().AddHours(2).ToString("O");
        await _h.SubmitAsync(body);
        _h.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, (await SweepAsync()).Republished);
    }

    [Fact]
    public async Task SweepAsync_AwaitingDriverLongOverdue_Republished()
    {
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        var due = (await _h.OrderAsync("o-1"))!.NextAttemptAt!.Value;
        _h.Clock.Advance(due - _h.Clock.GetUtcNow() + _h.Options.StaleAfter + TimeSpan.FromSeconds(1));

        var report = await SweepAsync();

        Assert.Equal(1, report.Republished);
        Assert.Equal(OrderStatus.AwaitingDriver, (await _h.OrderAsync("o-1"))!.Status);
    }

    [Fact]
    public async Task SweepAsync_ResolvedOrders_NeverRepublished()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        _h.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(new(0, 0, 0), await SweepAsync());
    }

    [Fact]
    public async Task SweepAsync_StorageBreakerClosedAgain_RepublishesOrdersDueBeforeTheRecoveryWithoutWaitingForStaleAfter()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:BreakerMinimumThroughput"] = "4",
            ["Resilience:BreakerBreakDuration"] = "00:00:05",
        });
        await h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")); // its message is lost in the outage
        await OpenAndCloseStorageBreakerAsync(h);
        Assert.True(h.Clock.GetUtcNow() - (await h.OrderAsync("o-1"))!.NextAttemptAt < h.Options.StaleAfter);

        var first = await h.Sweeper.SweepAsync(CancellationToken.None);
        var second = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(1, first.Republished);
        Assert.Equal(h.Get<DependencyCircuits>().Storage.LastRecoveredAt, first.CaughtUpAfter);
        Assert.NotNull(first.CaughtUpAfter);
        Assert.Equal(new(0, 0, 0), second);
        var message = Assert.Single(await h.DrainAsync());
        Assert.StartsWith("o-1:sweep:", message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_OrderAcceptedAfterTheRecovery_LeftToItsOwnMessage()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:BreakerMinimumThroughput"] = "4",
            ["Resilience:BreakerBreakDuration"] = "00:00:05",
        });
        await OpenAndCloseStorageBreakerAsync(h);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.SubmitAsync(OrderBodies.Order("o-after"));
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        var report = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0, report.Republished);
        Assert.NotNull(report.CaughtUpAfter);
        Assert.Single(await h.DrainAsync()); // only intake's own message
    }

    private static async Task OpenAndCloseStorageBreakerAsync(DispatchHarness h)
    {
        var storage = h.Get<DependencyCircuits>().Storage;
        h.Faults.Down = true;
        for (var i = 0; i < 4; i++)
            await Assert.ThrowsAsync<TableStorageException>(() => h.Store.Tables.GetAsync("t", "p", $"r{i}"));
        Assert.Equal(Polly.CircuitBreaker.CircuitState.Open, storage.State);
        Assert.Equal(new(0, 0, 0) { PausedByOutage = true }, await h.Sweeper.SweepAsync(CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        h.Faults.Down = false;
        Assert.Null(await h.Store.Tables.GetAsync("t", "p", "probe"));
        Assert.Equal(Polly.CircuitBreaker.CircuitState.Closed, storage.State);
    }
}
