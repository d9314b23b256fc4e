using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Tests.Support;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Tests.Persistence;

/// <summary>
/// The typed store over the raw port: the zone list the sweeper reads is written once per zone and process (and
/// again after a failed listing), pending rows are listed by kind, oldest first, before a cut-off and up to a count,
/// and an order write that raises no event still moves its index rows.
/// </summary>
public sealed class DispatchStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly FaultyTableStore _tables = new(new InMemoryTableStore());
    private readonly DispatchStore _store;

    public DispatchStoreTests() => _store = new DispatchStore(_tables, Options.Create(new TableNames()));

    private static OrderRecord Order(string orderId, string zone = "zone-a", DateTimeOffset? due = null) => new()
    {
        OrderId = orderId,
        Zone = zone,
        Status = OrderStatus.NeedsAssignment,
        CreatedAt = Now,
        UpdatedAt = Now,
        NextAttemptAt = due ?? Now,
        PayloadHash = "h",
        Payload = "{}",
    };

    private static bool IsZoneList(string table, TableRow? row) => row?.PartitionKey == EntityKeys.ZoneListPartition;

    private void FailNextZoneListing() =>
        _tables.FailOnce("upsert", IsZoneList, new TableStorageException(TableErrorKind.Transient, "zone list down"));

    private async Task<List<TableRow>> DispatchRowsAsync()
    {
        var rows = new List<TableRow>();
        await foreach (var row in _tables.QueryAsync(_store.Names.DispatchTable, new TableQuery()))
            rows.Add(row);
        return rows;
    }

    [Fact]
    public async Task AddOrderAsync_SecondOrderOfAListedZone_DoesNotListTheZoneAgain()
    {
        await _store.AddOrderAsync(Order("o-1"), CancellationToken.None);
        FailNextZoneListing();

        await _store.AddOrderAsync(Order("o-2"), CancellationToken.None);

        // The zone list is written per new zone only: the fault is still armed, and the next new zone meets it.
        await Assert.ThrowsAsync<TableStorageException>(() => _store.AddOrderAsync(Order("o-3", zone: "zone-b"), CancellationToken.None));
        Assert.Equal(["zone-a"], await _store.ListZonesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AddOrderAsync_ZoneListingFailed_ListsItOnTheNextOrderAndStoresNoOrderMeanwhile()
    {
        FailNextZoneListing();
        await Assert.ThrowsAsync<TableStorageException>(() => _store.AddOrderAsync(Order("o-1"), CancellationToken.None));
        Assert.Null(await _store.GetOrderAsync("zone-a", "o-1", CancellationToken.None));

        await _store.AddOrderAsync(Order("o-1"), CancellationToken.None);

        Assert.Equal(["zone-a"], await _store.ListZonesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ListPendingAsync_BeforeACutOff_OnlyEarlierRowsOfThatKindOldestFirst()
    {
        for (var i = 0; i < 4; i++)
            await _store.AddOrderAsync(Order($"o-{i}", due: Now.AddMinutes(3 - i)), CancellationToken.None);

        var due = await _store.ListPendingAsync("zone-a", PendingIndex.DuePrefix, Now.AddMinutes(2), 10, CancellationToken.None);

        // Due at +3, +2, +1, +0 minutes: before +2 are o-3 (+0) and o-2 (+1); the row at exactly +2 is not before it.
        Assert.Equal(["o-3", "o-2"], due.Select(e => e.OrderId));
        Assert.All(due, e => Assert.Equal("zone-a", e.Zone));
        Assert.Empty(await _store.ListPendingAsync("zone-a", PendingIndex.AwaitPrefix, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ListPendingAsync_NoCutOff_EveryRowOfThatKindUpToTake()
    {
        for (var i = 0; i < 4; i++)
            await _store.AddOrderAsync(Order($"o-{i}", due: Now.AddMinutes(3 - i)), CancellationToken.None);
        await _store.AddOrderAsync(Order("o-9", zone: "zone-b"), CancellationToken.None);

        Assert.Equal(["o-3", "o-2", "o-1", "o-0"], (await _store.ListPendingAsync("zone-a", PendingIndex.DuePrefix, null, 10, CancellationToken.None)).Select(e => e.OrderId));
        Assert.Equal(["o-3", "o-2"], (await _store.ListPendingAsync("zone-a", PendingIndex.DuePrefix, null, 2, CancellationToken.None)).Select(e => e.OrderId));
    }

    [Fact]
    public async Task UpdateOrderAsync_NewDueTimeWithoutEvents_MovesTheDueRowWithTheOrder()
    {
        var added = await _store.AddOrderAsync(Order("o-1"), CancellationToken.None);

        var updated = await _store.UpdateOrderAsync(added with { NextAttemptAt = Now.AddMinutes(5), Raised = [] }, CancellationToken.None);

        Assert.Empty(PendingIndexCheck.Disagreements(await DispatchRowsAsync()));
        Assert.Equal(PendingIndex.ScheduleKey(updated), updated.ScheduleIndexKey);
        Assert.Equal(["o-1"], (await _store.ListPendingAsync("zone-a", PendingIndex.DuePrefix, Now.AddMinutes(6), 10, CancellationToken.None)).Select(e => e.OrderId));
        Assert.Empty(await _store.ListPendingAsync("zone-a", PendingIndex.DuePrefix, Now.AddMinutes(5), 10, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateOrderAsync_NothingMovesAndNoEvents_StoredUnderANewETag()
    {
        var added = await _store.AddOrderAsync(Order("o-1"), CancellationToken.None);

        var updated = await _store.UpdateOrderAsync(added with { LastError = "note", Raised = [] }, CancellationToken.None);

        Assert.NotEqual(added.ETag, updated.ETag);
        Assert.Equal(updated, await _store.GetOrderAsync("zone-a", "o-1", CancellationToken.None));
        await Assert.ThrowsAsync<TableStorageException>(() => _store.UpdateOrderAsync(added with { LastError = "stale" }, CancellationToken.None));
    }
}
