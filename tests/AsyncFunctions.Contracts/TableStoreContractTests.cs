using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>
/// The contract every <see cref="ITableStore"/> must honour: Table Storage semantics for point reads,
/// conditional writes, entity-group transactions, queries and service limits. Subclass it once per
/// implementation (in memory; Azure Tables on Azurite). Each test works in a fresh, unique table.
/// </summary>
/// <remarks>
/// Checks that need If-Match enforced <em>inside</em> a transaction live in
/// <see cref="TableTransactionIfMatchContractTests"/>: xunit 2 has no runtime skip, so a store that
/// does not enforce it (Azurite before 3.37, Azure/Azurite#1233) simply does not inherit that suite, and its
/// tests are absent rather than passing by accident. <see cref="EnforcesIfMatchInTransactions"/>
/// declares which case a store is in, and one test here holds the store to its declaration.
/// The partial files split the suite by area: CRUD here, then transactions, queries and limits.
/// </remarks>
public abstract partial class TableStoreContractTests : TableContractBase
{
    /// <summary>False for stores that ignore If-Match on transaction actions (Azurite before 3.37).</summary>
    protected virtual bool EnforcesIfMatchInTransactions => true;

    [Fact]
    public async Task GetAsync_MissingEntity_ReturnsNull()
    {
        var (store, table) = await FreshTableAsync();

        Assert.Null(await store.GetAsync(table, "p", "missing"));
    }

    [Fact]
    public async Task AddAsync_EverySupportedType_RoundTripsWithETag()
    {
        var (store, table) = await FreshTableAsync();
        var when = new DateTimeOffset(2026, 1, 31, 18, 30, 15, 123, TimeSpan.Zero);
        byte[] bytes = [0, 1, 2, 254, 255];

        var etag = await store.AddAsync(table, Row("p", "r",
            ("Text", "héllo"), ("Int", 42), ("Long", 5_000_000_000L), ("Double", 2.5),
            ("Bool", true), ("Time", when), ("Bytes", bytes)));
        var row = await store.GetAsync(table, "p", "r");

        Assert.NotNull(row);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, row.ETag);
        Assert.Equal("p", row.PartitionKey);
        Assert.Equal("r", row.RowKey);
        Assert.Equal("héllo", row.Get<string>("Text"));
        Assert.Equal(42, row.Get<int>("Int"));
        Assert.Equal(5_000_000_000L, row.Get<long>("Long"));
        Assert.Equal(2.5, row.Get<double>("Double"));
        Assert.True(row.Get<bool>("Bool"));
        Assert.Equal(when, row.Get<DateTimeOffset>("Time"));
        Assert.Equal(bytes, row.Get<byte[]>("Bytes"));
    }

    [Fact]
    public async Task AddAsync_ExistingEntity_ThrowsAlreadyExistsAndKeepsOriginal()
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("p", "r", "first"));

        await TableAssert.FailsAsync(TableErrorKind.AlreadyExists, () => store.AddAsync(table, Marked("p", "r", "second")));

        Assert.Equal("first", await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Fact]
    public async Task UpdateAsync_CurrentETag_ReplacesAndReturnsNewETag()
    {
        var (store, table) = await FreshTableAsync();
        var first = await store.AddAsync(table, Row("p", "r", ("Value", "first"), ("Extra", 1)));

        var second = await store.UpdateAsync(table, Marked("p", "r", "second"), first);

        var row = await store.GetAsync(table, "p", "r");
        Assert.NotEqual(first, second);
        Assert.Equal(second, row!.ETag);
        Assert.Equal("second", row.GetString("Value"));
        // Replace semantics: a property left out of the update is gone, not merged.
        Assert.False(row.Properties.ContainsKey("Extra"));
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ThrowsPreconditionFailed()
    {
        var (store, table) = await FreshTableAsync();
        var stale = await store.AddAsync(table, Marked("p", "r", "first"));
        await store.UpdateAsync(table, Marked("p", "r", "second"), stale);

        await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.UpdateAsync(table, Marked("p", "r", "third"), stale));

        Assert.Equal("second", await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Fact]
    public async Task UpdateAsync_Wildcard_ReplacesWhateverVersion()
    {
        var (store, table) = await FreshTableAsync();
        var first = await store.AddAsync(table, Marked("p", "r", "first"));

        var second = await store.UpdateAsync(table, Marked("p", "r", "second"), "*");

        Assert.NotEqual(first, second);
        Assert.Equal("second", await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"datetime'2026-01-01T00%3A00%3A00.0000000Z'\"")]
    public async Task UpdateAsync_MissingEntity_ThrowsNotFound(string ifMatch)
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.NotFound, () => store.UpdateAsync(table, Marked("p", "missing", "x"), ifMatch));

        Assert.Null(await store.GetAsync(table, "p", "missing"));
    }

    [Fact]
    public async Task UpsertAsync_MissingEntity_Creates()
    {
        var (store, table) = await FreshTableAsync();

        var etag = await store.UpsertAsync(table, Marked("p", "r", "first"));

        var row = await store.GetAsync(table, "p", "r");
        Assert.Equal(etag, row!.ETag);
        Assert.Equal("first", row.GetString("Value"));
    }

    [Fact]
    public async Task UpsertAsync_ExistingEntity_ReplacesWithNewETag()
    {
        var (store, table) = await FreshTableAsync();
        var first = await store.AddAsync(table, Row("p", "r", ("Value", "first"), ("Extra", 1)));

        var second = await store.UpsertAsync(table, Marked("p", "r", "second"));

        var row = await store.GetAsync(table, "p", "r");
        Assert.NotEqual(first, second);
        Assert.Equal("second", row!.GetString("Value"));
        Assert.False(row.Properties.ContainsKey("Extra"));
    }

    [Fact]
    public async Task DeleteAsync_CurrentETag_Removes()
    {
        var (store, table) = await FreshTableAsync();
        var etag = await store.AddAsync(table, Marked("p", "r", "first"));

        await store.DeleteAsync(table, "p", "r", etag);

        Assert.Null(await store.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_StaleETag_ThrowsPreconditionFailedAndKeepsEntity()
    {
        var (store, table) = await FreshTableAsync();
        var stale = await store.AddAsync(table, Marked("p", "r", "first"));
        await store.UpdateAsync(table, Marked("p", "r", "second"), stale);

        await TableAssert.FailsAsync(TableErrorKind.PreconditionFailed, () => store.DeleteAsync(table, "p", "r", stale));

        Assert.Equal("second", await TableAssert.ValueAsync(store, table, "p", "r"));
    }

    [Fact]
    public async Task DeleteAsync_MissingEntity_ThrowsNotFound()
    {
        var (store, table) = await FreshTableAsync();

        await TableAssert.FailsAsync(TableErrorKind.NotFound, () => store.DeleteAsync(table, "p", "missing", "*"));
    }
}
