using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Persistence;

public sealed class PendingIndexMigrationTests
{
    private static async Task<List<TableRow>> DispatchRowsAsync(DispatchHarness h)
    {
        var rows = new List<TableRow>();
        await foreach (var row in h.Store.Tables.QueryAsync(h.Store.Names.DispatchTable, new TableQuery(), CancellationToken.None))
            rows.Add(row);
        return rows;
    }

    /// <summary>Orders in every state the index covers, then the table made to look as it did before the index existed.</summary>
    private static async Task SeedPreIndexOrdersAsync(DispatchHarness h)
    {
        await h.AddDriverAsync("d-1", capacity: 2);
        await h.SubmitAndReceiveAsync(OrderBodies.Order("needs")); // message lost: NeedsAssignment, due
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("assigned")));
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("delivered")));
        Assert.Equal(ResultKind.Ok, (await h.Delivery.MarkDeliveredAsync("delivered", CancellationToken.None)).Kind);
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("busy")));
        await h.ProcessAsync(await h.SubmitAndReceiveAsync(OrderBodies.Order("waiting"))); // no capacity left: AwaitingDriver
        await h.SubmitAndReceiveAsync(OrderBodies.Order("elsewhere", zone: "other"));
        await h.DrainAsync();

        foreach (var row in await DispatchRowsAsync(h))
        {
            if (PendingIndexCheck.IsIndexRow(row.RowKey) || row.PartitionKey == EntityKeys.ZoneListPartition)
            {
                await h.Store.Tables.DeleteAsync(h.Store.Names.DispatchTable, row.PartitionKey, row.RowKey, "*");
            }
            else if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal))
            {
                var properties = new Dictionary<string, object?>(row.Properties) { [OrderColumns.ScheduleIndexKey] = null, [OrderColumns.AwaitIndexKey] = null };
                await h.Store.Tables.UpsertAsync(h.Store.Names.DispatchTable, row with { Properties = properties });
            }
        }
    }

    [Fact]
    public async Task RunAsync_OrdersWrittenBeforeTheIndex_IndexAgreesAndZonesListed()
    {
        using var h = new DispatchHarness();
        await SeedPreIndexOrdersAsync(h);
        Assert.NotEmpty(PendingIndexCheck.Disagreements(await DispatchRowsAsync(h)));

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Empty(PendingIndexCheck.Disagreements(await DispatchRowsAsync(h)));
        Assert.Equal(2, report.Zones);
        Assert.Equal(6, report.Orders);
        Assert.Equal(4, report.Written); // needs, delivered, waiting, elsewhere; the Assigned ones need no row
        Assert.Equal(["other", OrderBodies.Zone], (await h.Store.ListZonesAsync(CancellationToken.None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Twice_SecondRunWritesNothing()
    {
        using var h = new DispatchHarness();
        await SeedPreIndexOrdersAsync(h);
        await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);
        var before = await DispatchRowsAsync(h);

        var again = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal(0, again.Written);
        Assert.Equal(before.Select(r => (r.PartitionKey, r.RowKey, r.ETag)), (await DispatchRowsAsync(h)).Select(r => (r.PartitionKey, r.RowKey, r.ETag)));
    }

    [Fact]
    public async Task RunAsync_ThenSweep_LostPreIndexOrderRepublished()
    {
        using var h = new DispatchHarness();
        await SeedPreIndexOrdersAsync(h);
        h.Clock.Advance(h.Options.StaleAfter + TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("needs", await SweptAsync(h));

        await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Contains("needs", await SweptAsync(h));
    }

    [Fact]
    public async Task RunAsync_OrderChangedSinceTheScan_LeftToTheEngine()
    {
        using var h = new DispatchHarness();
        await SeedPreIndexOrdersAsync(h);
        // The engine writes "needs" between the scan and the migration's write of it.
        h.Faults.FailOnce("update", (_, row) => row?.RowKey == EntityKeys.OrderRow("needs"),
            new TableStorageException(TableErrorKind.PreconditionFailed, "Changed meanwhile."));

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal(1, report.ChangedMeanwhile);
        Assert.Equal(3, report.Written);
    }

    [Fact]
    public async Task RunAsync_OrderDeletedSinceTheScan_CountedAsChangedMeanwhile()
    {
        using var h = new DispatchHarness();
        await SeedPreIndexOrdersAsync(h);
        h.Faults.FailOnce("update", (_, row) => row?.RowKey == EntityKeys.OrderRow("needs"),
            new TableStorageException(TableErrorKind.NotFound, "Gone meanwhile."));

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 3), (report.ChangedMeanwhile, report.Written));
    }

    [Fact]
    public async Task RunAsync_OrderNamingTheRightRowThatIsMissing_WritesTheRowAgain()
    {
        using var h = new DispatchHarness();
        await h.SubmitAsync(OrderBodies.Order("o-1"));
        var order = await h.OrderAsync("o-1");
        await h.Store.Tables.DeleteAsync(h.Store.Names.DispatchTable, OrderBodies.Zone, order!.ScheduleIndexKey!, "*");

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 1, 0), (report.Zones, report.Orders, report.Written, report.ChangedMeanwhile));
        Assert.Empty(PendingIndexCheck.Disagreements(await DispatchRowsAsync(h)));
    }

    [Fact]
    public async Task RunAsync_ZoneAlreadyListed_NotListedAgain()
    {
        using var h = new DispatchHarness();
        await h.SubmitAsync(OrderBodies.Order("o-1"));
        h.Faults.FailOnce("upsert", (_, row) => row?.PartitionKey == EntityKeys.ZoneListPartition);

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal((1, 1, 0), (report.Zones, report.Orders, report.Written));
    }

    [Fact]
    public async Task RunAsync_ZoneWithDriversOnly_NeitherCountedNorListed()
    {
        using var h = new DispatchHarness();
        await h.AddDriverAsync("d-1", zone: "drivers-only");

        var report = await h.Get<PendingIndexMigration>().RunAsync(CancellationToken.None);

        Assert.Equal(0, report.Zones);
        Assert.Empty(await h.Store.ListZonesAsync(CancellationToken.None));
    }

    private static async Task<List<string>> SweptAsync(DispatchHarness h)
    {
        await h.Sweeper.SweepAsync(CancellationToken.None);
        return [.. (await h.DrainAsync()).Select(m => (string)m.ApplicationProperties[Core.Messaging.MessageProperties.OrderId]!)];
    }
}
