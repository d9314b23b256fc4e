using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>Entity-group transactions: all or nothing, at most 100 actions, one partition, each entity once.</summary>
public abstract partial class TableStoreContractTests
{
    [Fact]
    public async Task SubmitTransactionAsync_AllValid_AppliesEveryAction()
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("p", "update", "old"));
        await store.AddAsync(table, Marked("p", "delete", "old"));

        await store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p", "add", "new")),
            TableAction.Update(Marked("p", "update", "new"), "*"),
            TableAction.Upsert(Marked("p", "upsert", "new")),
            TableAction.Delete(Marked("p", "delete", ""), "*"),
        ]);

        Assert.Equal("new", await TableAssert.ValueAsync(store, table, "p", "add"));
        Assert.Equal("new", await TableAssert.ValueAsync(store, table, "p", "update"));
        Assert.Equal("new", await TableAssert.ValueAsync(store, table, "p", "upsert"));
        Assert.Null(await store.GetAsync(table, "p", "delete"));
    }

    [Theory]
    [InlineData(TableActionKind.Add, TableErrorKind.AlreadyExists)]
    [InlineData(TableActionKind.UpdateReplace, TableErrorKind.NotFound)]
    public async Task SubmitTransactionAsync_OneActionFails_AppliesNothingAndNamesIt(TableActionKind failingKind, TableErrorKind expected)
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("p", "existing", "old"));
        await store.AddAsync(table, Marked("p", "kept", "old"));
        // Add of an existing entity fails with 409; update of a missing one with 404.
        var failing = failingKind == TableActionKind.Add
            ? TableAction.Add(Marked("p", "existing", "new"))
            : TableAction.Update(Marked("p", "missing", "new"), "*");

        var ex = await TableAssert.FailsAsync(expected, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p", "added", "new")),
            TableAction.Update(Marked("p", "kept", "new"), "*"),
            failing,
            TableAction.Upsert(Marked("p", "upserted", "new")),
        ]));

        Assert.Equal(2, ex.FailedActionIndex);
        Assert.Null(await store.GetAsync(table, "p", "added"));
        Assert.Equal("old", await TableAssert.ValueAsync(store, table, "p", "kept"));
        Assert.Equal("old", await TableAssert.ValueAsync(store, table, "p", "existing"));
        Assert.Null(await store.GetAsync(table, "p", "upserted"));
        Assert.Null(await store.GetAsync(table, "p", "missing"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredActions_Succeeds()
    {
        var (store, table) = await FreshTableAsync();

        var etags = await store.SubmitTransactionAsync(table,
            [.. Enumerable.Range(0, TableLimits.MaxTransactionActions).Select(i => TableAction.Add(Marked("p", $"r{i:D3}", "x")))]);

        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p" })).Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredAndOneActions_ThrowsBadRequestAndAppliesNothing()
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.SubmitTransactionAsync(table,
            [.. Enumerable.Range(0, 101).Select(i => TableAction.Add(Marked("p", $"r{i:D3}", "x")))]));

        Assert.Empty(await TableAssert.ListAsync(store, table, new TableQuery()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_ThrowsBadRequestAndAppliesNothing()
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p1", "r", "x")),
            TableAction.Add(Marked("p2", "r", "x")),
        ]));

        Assert.Empty(await TableAssert.ListAsync(store, table, new TableQuery()));
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameEntityTwice_ThrowsBadRequestAndAppliesNothing()
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("p", "r", "old"));

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p", "other", "new")),
            TableAction.Update(Marked("p", "r", "new"), "*"),
            TableAction.Upsert(Marked("p", "r", "newer")),
        ]));

        Assert.Equal("old", await TableAssert.ValueAsync(store, table, "p", "r"));
        Assert.Null(await store.GetAsync(table, "p", "other"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_ReturnedETags_AreCurrentAndUsableForNextUpdate()
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("p", "gone", "old"));

        var etags = await store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p", "a", "v1")),
            TableAction.Upsert(Marked("p", "b", "v1")),
            TableAction.Delete(Marked("p", "gone", ""), "*"),
        ]);

        Assert.Equal(3, etags.Count);
        Assert.Equal((await store.GetAsync(table, "p", "a"))!.ETag, etags[0]);
        Assert.Equal((await store.GetAsync(table, "p", "b"))!.ETag, etags[1]);
        Assert.Equal("", etags[2]);
        await store.UpdateAsync(table, Marked("p", "a", "v2"), etags[0]);
        await store.DeleteAsync(table, "p", "b", etags[1]);
        Assert.Equal("v2", await TableAssert.ValueAsync(store, table, "p", "a"));
        Assert.Null(await store.GetAsync(table, "p", "b"));
    }

    /// <summary>
    /// Holds the store to its declaration: a store that claims to enforce If-Match in transactions
    /// must refuse a stale one; a store that declares it does not (Azurite) is checked to still
    /// ignore it, so the day it starts enforcing this test says to inherit the If-Match suite.
    /// </summary>
    [Fact]
    public async Task SubmitTransactionAsync_StaleIfMatch_BehavesAsDeclared()
    {
        var (store, table) = await FreshTableAsync();
        var stale = await store.AddAsync(table, Marked("p", "r", "v1"));
        await store.UpdateAsync(table, Marked("p", "r", "v2"), stale);

        var submit = () => store.SubmitTransactionAsync(table, [TableAction.Update(Marked("p", "r", "v3"), stale)]);

        if (EnforcesIfMatchInTransactions)
        {
            await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, submit);
            Assert.Equal("v2", await TableAssert.ValueAsync(store, table, "p", "r"));
        }
        else
        {
            var ex = await Record.ExceptionAsync(submit);
            Assert.True(ex is null,
                "This store now enforces If-Match inside transactions: set EnforcesIfMatchInTransactions to true and inherit TableTransactionIfMatchContractTests.");
        }
    }
}
