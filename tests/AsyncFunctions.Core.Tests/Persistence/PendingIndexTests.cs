using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;

namespace AsyncFunctions.Core.Tests.Persistence;

public sealed class PendingIndexTests : IDisposable
{
    private readonly DispatchHarness _h = new();

    public void Dispose() => _h.Dispose();

    private async Task<List<TableRow>> ZoneRowsAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in _h.Store.Tables.QueryAsync(_h.Store.Names.DispatchTable, new TableQuery { PartitionKey = OrderBodies.Zone }))
            rows.Add(row);
        return rows;
    }

    private async Task<List<string>> IndexKeysAsync() =>
        [.. (await ZoneRowsAsync()).Select(r => r.RowKey).Where(PendingIndexCheck.IsIndexRow)];

    private static string Ticks(DateTimeOffset? time) => time!.Value.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SubmitAsync_NewOrder_OneDueRowAtItsDueTimeAndZoneListed()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));

        var order = await _h.OrderAsync("o-1");
        Assert.Equal([$"due|{Ticks(order!.NextAttemptAt)}|o-1"], await IndexKeysAsync());
        Assert.Equal([OrderBodies.Zone], await _h.Store.ListZonesAsync(CancellationToken.None));
        Assert.Empty(PendingIndexCheck.Disagreements(await ZoneRowsAsync()));
    }

    [Fact]
    public async Task ProcessAsync_NoDriver_DueRowMovesAndAwaitRowAppears()
    {
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));

        var order = await _h.OrderAsync("o-1");
        Assert.Equal(OrderStatus.AwaitingDriver, order!.Status);
        Assert.Equal(
            [$"await|{Ticks(order.AwaitingSince)}|o-1", $"due|{Ticks(order.NextAttemptAt)}|o-1"],
            (await IndexKeysAsync()).Order(StringComparer.Ordinal));
        Assert.Empty(PendingIndexCheck.Disagreements(await ZoneRowsAsync()));
    }

    [Fact]
    public async Task AssignThenDeliver_TerminalOrder_OnlyItsDoneRowAndStillReadable()
    {
        await _h.AddDriverAsync("d-1");
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        Assert.Empty(await IndexKeysAsync());

        Assert.Equal(ResultKind.Ok, (await _h.Delivery.MarkDeliveredAsync("o-1", CancellationToken.None)).Kind);

        // Nothing pending: only the row the retention job reads, keyed by the delivery time, written in the Deliver transaction.
        Assert.Equal([$"{PendingIndex.DonePrefix}{_h.Clock.GetUtcNow().UtcTicks:D19}|o-1"], await IndexKeysAsync());
        var read = await _h.Get<OrderQueries>().GetAsync("o-1", CancellationToken.None);
        Assert.Equal(OrderStatus.Delivered, read.Value!.Status);
    }

    [Fact]
    public async Task ProcessAsync_DriverFreedAfterWaiting_AssignedAndBothRowsGone()
    {
        await _h.ProcessAsync(await _h.SubmitAndReceiveAsync(OrderBodies.Order("o-1")));
        await _h.AddDriverAsync("d-1");
        var wake = Assert.Single(await _h.DrainAsync());

        await _h.ProcessAsync(wake);

        Assert.Equal(OrderStatus.Assigned, (await _h.OrderAsync("o-1"))!.Status);
        Assert.Empty(await IndexKeysAsync());
    }

    [Fact]
    public async Task SubmitAsync_OrderInsertFails_NeitherOrderNorIndexRowWritten()
    {
        _h.Faults.FailOnce("add", (table, row) => table == _h.Store.Names.DispatchTable && row!.RowKey == EntityKeys.OrderRow("o-1"));

        await Assert.ThrowsAsync<TableStorageException>(() => _h.SubmitAsync(OrderBodies.Order("o-1")));

        Assert.Empty(await ZoneRowsAsync());
    }

    [Fact]
    public async Task Disagreements_IndexRowWithoutOrder_Reported()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        await _h.Store.Tables.AddAsync(_h.Store.Names.DispatchTable, new PendingEntry(OrderBodies.Zone, "due|0000000000000000001|ghost", "ghost").ToRow());

        var problem = Assert.Single(PendingIndexCheck.Disagreements(await ZoneRowsAsync()));
        Assert.Contains("without its order", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disagreements_OrderMissingItsRow_Reported()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        var key = Assert.Single(await IndexKeysAsync());
        await _h.Store.Tables.DeleteAsync(_h.Store.Names.DispatchTable, OrderBodies.Zone, key, "*");

        var problem = Assert.Single(PendingIndexCheck.Disagreements(await ZoneRowsAsync()));
        Assert.Contains("index row missing", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disagreements_OrderNamingAStaleRow_Reported()
    {
        await _h.SubmitAsync(OrderBodies.Order("o-1"));
        var order = await _h.OrderAsync("o-1");
        // A writer going around the store: the status moves, the index does not.
        await _h.Store.Tables.UpdateAsync(_h.Store.Names.DispatchTable, (order! with { Status = OrderStatus.DeadLettered }).ToRow(), order.ETag);

        var problems = PendingIndexCheck.Disagreements(await ZoneRowsAsync());
        Assert.Contains(problems, p => p.Contains("needs ''", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("without its order", StringComparison.Ordinal));
    }
}
