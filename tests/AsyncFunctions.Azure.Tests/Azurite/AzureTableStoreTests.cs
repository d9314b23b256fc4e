using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>What the adapter adds over the SDK, checked against a real table service (Azurite).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreTests(AzuriteFixture azurite)
{
    private const string Table = "Dispatch";
    private readonly TablePerTestStore _store = new(azurite.CreateServiceClient());

    [Fact]
    public async Task AddAsync_SameKeysTwice_ThrowsAlreadyExists()
    {
        await _store.AddAsync(Table, Row("pk", "rk"));

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _store.AddAsync(Table, Row("pk", "rk")));

        Assert.Equal(TableErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task UpdateAsync_StaleETag_ThrowsPreconditionFailedAndKeepsTheNewerVersion()
    {
        var first = await _store.AddAsync(Table, Row("pk", "rk", ("Status", "A")));
        await _store.UpdateAsync(Table, Row("pk", "rk", ("Status", "B")), first);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _store.UpdateAsync(Table, Row("pk", "rk", ("Status", "C")), first));

        Assert.Equal(TableErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal("B", (await _store.GetAsync(Table, "pk", "rk"))!.GetString("Status"));
    }

    [Fact]
    public async Task GetAsync_TypedProperties_RoundTripIncludingWholeNumberDoubles()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await _store.AddAsync(Table, Row("pk", "rk", ("S", "text"), ("I", 7), ("L", 5_000_000_000L), ("D", 52.0), ("B", true), ("T", at), ("Null", null)));

        var row = await _store.GetAsync(Table, "pk", "rk");

        Assert.NotNull(row);
        Assert.Equal("text", row.GetString("S"));
        Assert.Equal(7, row.GetInt("I"));
        Assert.Equal(5_000_000_000L, row.Get<long>("L"));
        Assert.Equal(52.0, row.GetDouble("D"));
        Assert.True(row.Get<bool>("B"));
        Assert.Equal(at, row.GetTime("T"));
        Assert.False(row.Properties.ContainsKey("Null"));
        Assert.False(string.IsNullOrEmpty(row.ETag));
    }

    [Fact]
    public async Task SubmitTransactionAsync_AddOfExistingEntity_FailsWholeBatchWithItsIndex()
    {
        await _store.AddAsync(Table, Row("pk", "existing"));

        var error = await Assert.ThrowsAsync<TableStorageException>(() => _store.SubmitTransactionAsync(Table,
            [TableAction.Add(Row("pk", "new")), TableAction.Add(Row("pk", "existing"))]));

        Assert.Equal(TableErrorKind.AlreadyExists, error.Kind);
        Assert.Equal(1, error.FailedActionIndex);
        Assert.Null(await _store.GetAsync(Table, "pk", "new"));
    }

    [Fact]
    public async Task QueryAsync_PrefixConditionAndTake_ReturnsMatchingRowsInKeyOrder()
    {
        foreach (var (key, status) in new[] { ("o-1", "Open"), ("o-2", "Done"), ("o-3", "Open"), ("o-4", "Open"), ("x-1", "Open") })
            await _store.AddAsync(Table, Row("zone", key, ("Status", status)));
        var query = TableQuery.PartitionPrefix("zone", "o-", new PropertyCondition("Status", ComparisonOperator.Equal, "Open")) with { Take = 2 };

        var keys = new List<string>();
        await foreach (var row in _store.QueryAsync(Table, query))
            keys.Add(row.RowKey);

        Assert.Equal(["o-1", "o-3"], keys);
    }

    private static TableRow Row(string partitionKey, string rowKey, params (string Name, object? Value)[] properties) =>
        new(partitionKey, rowKey, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));
}
