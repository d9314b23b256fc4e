using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>Service limits: what Table Storage refuses with 400 must be refused here too.</summary>
public abstract partial class TableStoreContractTests
{
    [Fact]
    public async Task AddAsync_StringAtLimit_IsStored()
    {
        var (store, table) = await FreshTableAsync();
        var text = new string('x', TableLimits.MaxStringChars);

        await store.AddAsync(table, Marked("p", "r", text));

        Assert.Equal(text, await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Fact]
    public async Task AddAsync_StringOverLimit_ThrowsBadRequest()
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest,
            () => store.AddAsync(table, Marked("p", "r", new string('x', TableLimits.MaxStringChars + 1))));

        Assert.Null(await store.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_StringOverLimit_ThrowsBadRequestAndAppliesNothing()
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.SubmitTransactionAsync(table,
        [
            TableAction.Add(Marked("p", "ok", "x")),
            TableAction.Add(Marked("p", "big", new string('x', TableLimits.MaxStringChars + 1))),
        ]));

        Assert.Null(await store.GetAsync(table, "p", "ok"));
    }

    [Theory]
    [InlineData("a/b", "r")]
    [InlineData("a#b", "r")]
    [InlineData("p", "a/b")]
    [InlineData("p", "a#b")]
    public async Task AddAsync_InvalidKeyCharacter_ThrowsBadRequest(string partitionKey, string rowKey)
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.AddAsync(table, Marked(partitionKey, rowKey, "x")));

        Assert.Empty(await TableAssert.ListAsync(store, table, new TableQuery()));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public async Task UpsertAsync_InvalidKeyCharacter_ThrowsBadRequest(string rowKey)
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.BadRequest, () => store.UpsertAsync(table, Marked("p", rowKey, "x")));
    }
}
