using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
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

    /// <summary>
    /// The order's rows that retention owns: order, index rows and event history. Outbox markers are not among them:
    /// a marker is an event the relay has not published yet (this harness runs no relay), and deleting it would lose
    /// the event, so it stays until the relay clears it.
    /// </summary>
    private static bool IsOrdersOwnRow(TableRow row, string orderId) =>
        row.RowKey.Contains(orderId, StringComparison.Ordinal) && !row.RowKey.StartsWith(EventKeys.MarkerPrefix, StringComparison.Ordinal);

    private static int EventRowsOf(List<TableRow> rows, string orderIdPrefix) =>
        rows.Count(r => EventKeys.IsEventRow(r.RowKey) && r.RowKey.StartsWith(EventKeys.StreamPrefix(orderIdPrefix)[..^1], StringComparison.Ordinal));

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
        Assert.DoesNotContain(await RowsAsync(h, h.Store.Names.DispatchTable), r => IsOrdersOwnRow(r, "old"));
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
        Assert.DoesNotContain(await RowsAsync(h, h.Store.Names.DispatchTable), r => IsOrdersOwnRow(r, "old"));
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
        var oldEventRows = EventRowsOf(await RowsAsync(h, h.Store.Names.DispatchTable), "old-");
        Assert.True(oldEventRows >= 30 * 3, $"each delivered order has its accepted, assigned and delivered events ({oldEventRows})");

        var purged = 0;
        var cost = await meter.MeasureAsync(async () => purged = await h.Get<Core.Retention.DeliveredRetention>().PurgeAsync(500, CancellationToken.None));

        Assert.Equal(30, purged);
        Assert.Equal(0, cost.Scans);
        // The zone list (1 row), one done row per order deleted and that order's event rows, each of which it deletes
        // too; besides those, each order costs 3 deletes (directory, order, done row). Nothing of the newer history.
        Assert.Equal(0, EventRowsOf(await RowsAsync(h, h.Store.Names.DispatchTable), "old-"));
        Assert.Equal(1 + 30 + oldEventRows, cost.EntitiesRead);
        Assert.True(cost.EntitiesRead <= 3 * purged + oldEventRows);
    }
}
