using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>
/// If-Match inside entity-group transactions: what makes "order Assigned + driver capacity taken"
/// safe against a concurrent assignment. A separate suite because older Azurite versions ignored
/// If-Match on transaction actions (Azure/Azurite#1233; 3.37 enforces it) and xunit 2 cannot skip at
/// run time: a store that does not enforce it does not inherit this class, and declares so in
/// <see cref="TableStoreContractTests.EnforcesIfMatchInTransactions"/>.
/// </summary>
public abstract class TableTransactionIfMatchContractTests : TableContractBase
{
    [Fact]
    public async Task SubmitTransactionAsync_StaleUpdate_FailsAtItsIndexAndAppliesNothing()
    {
        var (store, table) = await FreshTableAsync();
        var order = await store.AddAsync(table, Marked("zone", "order", "waiting"));
        var stale = await store.AddAsync(table, Marked("zone", "driver", "free"));
        await store.UpdateAsync(table, Marked("zone", "driver", "busy"), stale);

        var ex = await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Update(Marked("zone", "order", "assigned"), order),
            TableAction.Update(Marked("zone", "driver", "taken"), stale),
        ]));

        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Equal("waiting", await TableAssert.ValueAsync(store, table, "zone", "order"));
        Assert.Equal("busy", await TableAssert.ValueAsync(store, table, "zone", "driver"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleDelete_FailsAndKeepsEverything()
    {
        var (store, table) = await FreshTableAsync();
        var stale = await store.AddAsync(table, Marked("p", "r", "v1"));
        await store.UpdateAsync(table, Marked("p", "r", "v2"), stale);

        var ex = await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Delete(Marked("p", "r", ""), stale),
            TableAction.Add(Marked("p", "other", "x")),
        ]));

        Assert.Equal(0, ex.FailedActionIndex);
        Assert.Equal("v2", await TableAssert.ValueAsync(store, table, "p", "r"));
        Assert.Null(await store.GetAsync(table, "p", "other"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoWritersFromSameRead_OnlyFirstCommits()
    {
        var (store, table) = await FreshTableAsync();
        var driver = await store.AddAsync(table, Row("zone", "driver", ("ActiveOrders", 0)));
        var orderA = await store.AddAsync(table, Marked("zone", "order-a", "waiting"));
        var orderB = await store.AddAsync(table, Marked("zone", "order-b", "waiting"));

        // Both assigners read the driver at the same version; the second must lose, not double-book it.
        await store.SubmitTransactionAsync(table,
        [
            TableAction.Update(Marked("zone", "order-a", "assigned"), orderA),
            TableAction.Update(Row("zone", "driver", ("ActiveOrders", 1)), driver),
        ]);
        var ex = await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Update(Marked("zone", "order-b", "assigned"), orderB),
            TableAction.Update(Row("zone", "driver", ("ActiveOrders", 1)), driver),
        ]));

        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Equal("waiting", await TableAssert.ValueAsync(store, table, "zone", "order-b"));
        Assert.Equal(1, (await store.GetAsync(table, "zone", "driver"))!.GetInt("ActiveOrders"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ETagsReturnedByEarlierTransaction_GuardTheNextOne()
    {
        var (store, table) = await FreshTableAsync();
        var etags = await store.SubmitTransactionAsync(table,
            [TableAction.Add(Marked("p", "a", "v1")), TableAction.Add(Marked("p", "b", "v1"))]);

        var next = await store.SubmitTransactionAsync(table,
            [TableAction.Update(Marked("p", "a", "v2"), etags[0]), TableAction.Update(Marked("p", "b", "v2"), etags[1])]);

        await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.SubmitTransactionAsync(table,
            [TableAction.Update(Marked("p", "a", "v3"), next[0]), TableAction.Update(Marked("p", "b", "v3"), etags[1])]));
        Assert.Equal("v2", await TableAssert.ValueAsync(store, table, "p", "a"));
        Assert.Equal("v2", await TableAssert.ValueAsync(store, table, "p", "b"));
    }
}
