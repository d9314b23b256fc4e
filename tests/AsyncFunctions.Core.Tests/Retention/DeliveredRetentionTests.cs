using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Retention;

public sealed class DeliveredRetentionTests
{
    private static DispatchHarness Harness(string? retention = "1.00:00:00") =>
        new(settings: new Dictionary<string, string?> { ["Dispatch:DeliveredRetention"] = retention });

    private static async Task DeliverAsync(DispatchHarness h, string orderId)
    {
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order(orderId)));
        Assert.Equal(ResultKind.Ok, (await h.Delivery.MarkDeliveredAsync(orderId, CancellationToken.None)).Kind);
    }

    private static async Task<List<TableRow>> RowsAsync(DispatchHarness h, string table)
    {
        var rows = new List<TableRow>();
        await foreach (var row in h.Store.Tables.QueryAsync(table, new TableQuery(), CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task Sweep_DeliveredLongerAgoThanTheRetention_OrderItsIndexRowAndDirectoryEntryDeleted()
    {
        using var h = Harness();
        await h.AddDriverAsync("d-1");
        await DeliverAsync(h, "old");
        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        var report = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(1, report.Purged);
        Assert.Equal(ResultKind.NotFound, (await h.Get<OrderQueries>().GetAsync("old", CancellationToken.None)).Kind);
        Assert.DoesNotContain(await RowsAsync(h, h.Store.Names.DispatchTable), r => r.RowKey.Contains("old", StringComparison.Ordinal));
        Assert.DoesNotContain(await RowsAsync(h, h.Store.Names.DirectoryTable), r => r.PartitionKey == "old");
        Assert.Empty(PendingIndexCheck.Disagreements(await RowsAsync(h, h.Store.Names.DispatchTable)));
    }

    [Fact]
    public async Task Sweep_DeliveredWithinTheRetentionOrNotDelivered_Kept()
    {
        using var h = Harness();
        await h.AddDriverAsync("d-1", capacity: 5);
        await DeliverAsync(h, "recent");
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("assigned")));
        h.Clock.Advance(TimeSpan.FromHours(23));

        var report = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0, report.Purged);
        Assert.Equal(OrderStatus.Delivered, (await h.OrderAsync("recent"))!.Status);
        Assert.Equal(OrderStatus.Assigned, (await h.OrderAsync("assigned"))!.Status);
    }

    [Fact]
    public async Task Sweep_RetentionOff_DeliveredOrdersKeptForever()
    {
        using var h = Harness(retention: null);
        await h.AddDriverAsync("d-1");
        await DeliverAsync(h, "old");
        h.Clock.Advance(TimeSpan.FromDays(3650));

        var report = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(0, report.Purged);
        Assert.Equal(ResultKind.Ok, (await h.Get<OrderQueries>().GetAsync("old", CancellationToken.None)).Kind);
    }

    [Fact]
    public async Task Sweep_CrashAfterTheDirectoryDelete_NextSweepFinishesTheJob()
    {
        using var h = Harness();
        await h.AddDriverAsync("d-1");
        await DeliverAsync(h, "old");
        h.Clock.Advance(TimeSpan.FromDays(2));
        h.Faults.FailOnce("transaction", fault: new InvalidOperationException("Simulated crash after the directory delete."));

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Sweeper.SweepAsync(CancellationToken.None));
        var again = await h.Sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(1, again.Purged);
        Assert.DoesNotContain(await RowsAsync(h, h.Store.Names.DispatchTable), r => r.RowKey.Contains("old", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Purge_OnTheMeteredStore_ReadsNoMoreThanItDeletesAndNeverScans()
    {
        using var h = Harness();
        using var meter = new StorageReadMeter(h.Get<DispatchMetrics>());
        await h.AddDriverAsync("d-1", capacity: 50);
        for (var i = 0; i < 30; i++)
            await DeliverAsync(h, $"old-{i}");
        h.Clock.Advance(TimeSpan.FromDays(2));
        // Newer history the purge must not pay for.
        for (var i = 0; i < 30; i++)
            await DeliverAsync(h, $"new-{i}");
        await h.DrainAsync();

        var purged = 0;
        var cost = await meter.MeasureAsync(async () => purged = await h.Get<Core.Retention.DeliveredRetention>().PurgeAsync(500, CancellationToken.None));

        Assert.Equal(30, purged);
        Assert.Equal(0, cost.Scans);
        // The zone list (1 row) and one done row per order deleted; each order costs 3 deletes (directory, order, done row).
        Assert.Equal(1 + 30, cost.EntitiesRead);
        Assert.True(cost.EntitiesRead <= 3 * purged);
    }
}
