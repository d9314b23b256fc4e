using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>
/// The corners where an SDK answers differently from an exception: a delete of nothing, an update
/// inside a batch, a query longer than one service page, names and sizes the service refuses.
/// Found by running the Azure adapter on Azurite; each holds for every store.
/// </summary>
public abstract partial class TableStoreContractTests
{
    [Fact]
    public async Task DeleteAsync_MissingEntityWithSpecificETag_ThrowsNotFound()
    {
        var (store, table) = await FreshTableAsync();
        var etag = await store.AddAsync(table, Marked("p", "r", "v1"));
        await store.DeleteAsync(table, "p", "r", etag);

        // The entity is gone: the same delete again (a retried request) must say so, not succeed silently.
        await TableAssert.FailsAsync(TableErrorKind.NotFound, () => store.DeleteAsync(table, "p", "r", etag));
    }

    [Fact]
    public async Task UpsertAsync_ReturnedETag_IsCurrentAndGuardsTheNextUpdate()
    {
        var (store, table) = await FreshTableAsync();
        var first = await store.UpsertAsync(table, Marked("p", "r", "v1"));
        var second = await store.UpsertAsync(table, Marked("p", "r", "v2"));

        Assert.NotEqual(first, second);
        Assert.Equal((await store.GetAsync(table, "p", "r"))!.ETag, second);
        await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.UpdateAsync(table, Marked("p", "r", "v3"), first));
        await store.UpdateAsync(table, Marked("p", "r", "v3"), second);
        Assert.Equal("v3", await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_UpdateAndUpsertOfExisting_ReturnCurrentETags()
    {
        var (store, table) = await FreshTableAsync();
        var a = await store.AddAsync(table, Marked("p", "a", "v1"));
        var b = await store.AddAsync(table, Marked("p", "b", "v1"));

        var etags = await store.SubmitTransactionAsync(table,
            [TableAction.Update(Marked("p", "a", "v2"), a), TableAction.Upsert(Marked("p", "b", "v2"))]);

        Assert.Equal((await store.GetAsync(table, "p", "a"))!.ETag, etags[0]);
        Assert.Equal((await store.GetAsync(table, "p", "b"))!.ETag, etags[1]);
        Assert.NotEqual(a, etags[0]);
        Assert.NotEqual(b, etags[1]);
    }

    [Fact]
    public async Task QueryAsync_MoreRowsThanOneServicePage_ReturnsEveryRowInKeyOrder()
    {
        var (store, table) = await FreshTableAsync();
        const int count = 1_050; // the service pages at 1,000
        for (var start = 0; start < count; start += TableLimits.MaxTransactionActions)
        {
            await store.SubmitTransactionAsync(table, [.. Enumerable.Range(start, Math.Min(TableLimits.MaxTransactionActions, count - start))
                .Select(i => TableAction.Add(Row("p", $"r{i:D5}", ("N", i))))]);
        }

        var all = await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p" });
        var some = await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p", Take = 1_020 });
        var filtered = await TableAssert.ListAsync(store, table, new TableQuery
        {
            PartitionKey = "p",
            Conditions = [new PropertyCondition("N", ComparisonOperator.GreaterThanOrEqual, 10)],
        });

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"r{i:D5}"), all.Select(r => r.RowKey));
        Assert.Equal(1_020, some.Count);
        Assert.Equal("r01019", some[^1].RowKey);
        Assert.Equal(count - 10, filtered.Count);
    }

    [Theory]
    [InlineData("1stLetterIsADigit")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("PartitionKey")]
    [InlineData("Timestamp")]
    public async Task AddAsync_PropertyNameTheServiceRefuses_ThrowsBadRequestAndStoresNothing(string name)
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.AddAsync(table, Row("p", "r", (name, "x"))));
        Assert.Null(await store.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task AddAsync_TooManyProperties_ThrowsBadRequest()
    {
        var (store, table) = await FreshTableAsync();
        var properties = Enumerable.Range(0, TableLimits.MaxPropertyCount + 1).Select(i => ($"P{i}", (object?)i)).ToArray();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.AddAsync(table, Row("p", "r", properties)));
    }

    [Fact]
    public async Task AddAsync_EntityOverOneMebibyte_ThrowsBadRequest()
    {
        var (store, table) = await FreshTableAsync();
        // 20 binary properties of 60 KiB: each within its own limit, together over the entity limit.
        var properties = Enumerable.Range(0, 20).Select(i => ($"B{i}", (object?)new byte[60 * 1024])).ToArray();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.AddAsync(table, Row("p", "r", properties)));
    }
}
