using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Diagnostics;

/// <summary>
/// The contract on the metered store: the sweeper and the wake-up of waiting orders read index ranges only
/// (no cross-partition scan, no status filter inside a partition), so what they read does not grow with the
/// zone's history of terminal orders.
/// </summary>
public sealed class PendingWorkReadsTests
{
    private sealed record Costs((long Operations, long EntitiesRead, long Scans) Delivery, (long Operations, long EntitiesRead, long Scans) Sweep, int Republished);

    /// <summary><paramref name="history"/> delivered orders, then one Assigned and one AwaitingDriver; measures the delivery (with wake-up) and a sweep.</summary>
    private static async Task<Costs> MeasureAsync(int history)
    {
        using var h = new DispatchHarness();
        using var meter = new StorageReadMeter(h.Get<DispatchMetrics>());
        await h.AddDriverAsync("d-1", capacity: 1);
        for (var i = 0; i < history; i++)
        {
            await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order($"old-{i}")));
            Assert.Equal(ResultKind.Ok, (await h.Delivery.MarkDeliveredAsync($"old-{i}", CancellationToken.None)).Kind);
        }

        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("busy")));
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("waiting")));
        await h.DrainAsync();

        var delivery = await meter.MeasureAsync(async () =>
            Assert.Equal(ResultKind.Ok, (await h.Delivery.MarkDeliveredAsync("busy", CancellationToken.None)).Kind));
        Assert.Single(await h.DrainAsync()); // the wake-up of "waiting"

        // "waiting" is now overdue: its retry was due in seconds and StaleAfter has passed since.
        h.Clock.Advance(h.Options.StaleAfter + TimeSpan.FromMinutes(1));
        var republished = 0;
        var sweep = await meter.MeasureAsync(async () => republished = (await h.Sweeper.SweepAsync(CancellationToken.None)).Republished);
        return new Costs(delivery, sweep, republished);
    }

    [Fact]
    public async Task DeliveryAndSweep_AnyHistory_NoScans()
    {
        var costs = await MeasureAsync(history: 20);

        Assert.Equal(0, costs.Delivery.Scans);
        Assert.Equal(0, costs.Sweep.Scans);
        Assert.Equal(1, costs.Republished);
    }

    [Fact]
    public async Task DeliveryAndSweep_HundredTimesTheHistory_ReadTheSameEntities()
    {
        var small = await MeasureAsync(history: 3);
        var large = await MeasureAsync(history: 300);

        Assert.Equal(small.Delivery.EntitiesRead, large.Delivery.EntitiesRead);
        Assert.Equal(small.Sweep.EntitiesRead, large.Sweep.EntitiesRead);
        Assert.Equal(small.Delivery.Operations, large.Delivery.Operations);
        Assert.Equal(small.Sweep.Operations, large.Sweep.Operations);
    }

    [Fact]
    public async Task Sweep_OneDueOrderInOneZone_ReadsTheZoneListTheIndexRowAndTheOrder()
    {
        var costs = await MeasureAsync(history: 50);

        // 1 zone row + 1 due index row + 1 point read of the order (to re-publish it with its ETag); the lease range is empty.
        Assert.Equal(3, costs.Sweep.EntitiesRead);
        // zone list, due range, lease range, order read, the order's write.
        Assert.Equal(5, costs.Sweep.Operations);
    }
}
