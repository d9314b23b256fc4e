using AsyncFunctions.Core.Storage;
using static AsyncFunctions.Contracts.ContractRows;

namespace AsyncFunctions.Contracts;

/// <summary>Queries: partition, RowKey range (from inclusive, to exclusive), typed conditions, Take, key order.</summary>
public abstract partial class TableStoreContractTests
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private async Task<(ITableStore Store, string Table)> SeededAsync()
    {
        var (store, table) = await FreshTableAsync();
        // Inserted out of order on purpose: results must come back in key order regardless.
        await store.AddAsync(table, Row("p2", "b", ("Name", "beta"), ("Count", 2), ("At", Noon.AddHours(2)), ("Open", true)));
        await store.AddAsync(table, Row("p1", "c", ("Name", "gamma"), ("Count", 3), ("At", Noon.AddHours(3)), ("Open", false)));
        await store.AddAsync(table, Row("p1", "a", ("Name", "alpha"), ("Count", 1), ("At", Noon.AddHours(1)), ("Open", true)));
        await store.AddAsync(table, Row("p1", "b", ("Name", "beta"), ("Count", 2), ("At", Noon.AddHours(2)), ("Open", false)));
        await store.AddAsync(table, Row("p1", "d", ("Name", "delta"), ("Count", 4), ("At", Noon.AddHours(4)), ("Open", true)));
        await store.AddAsync(table, Row("p2", "a", ("Name", "alpha"), ("Count", 1), ("At", Noon.AddHours(1)), ("Open", false)));
        return (store, table);
    }

    private static string[] Keys(IEnumerable<TableRow> rows) => [.. rows.Select(r => $"{r.PartitionKey}/{r.RowKey}")];

    [Fact]
    public async Task QueryAsync_NoFilter_ReturnsAllByPartitionThenRowKey()
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table, new TableQuery());

        Assert.Equal(["p1/a", "p1/b", "p1/c", "p1/d", "p2/a", "p2/b"], Keys(rows));
    }

    [Fact]
    public async Task QueryAsync_ByPartition_ReturnsOnlyThatPartitionInRowKeyOrder()
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p2" });

        Assert.Equal(["p2/a", "p2/b"], Keys(rows));
    }

    [Fact]
    public async Task QueryAsync_RowKeyRange_IncludesFromExcludesTo()
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p1", RowKeyFrom = "b", RowKeyTo = "d" });

        Assert.Equal(["p1/b", "p1/c"], Keys(rows));
    }

    [Theory]
    [InlineData("string eq", new[] { "p1/b", "p2/b" })]
    [InlineData("int lt", new[] { "p1/a", "p1/b", "p2/a", "p2/b" })]
    [InlineData("time lt", new[] { "p1/a", "p2/a" })]
    [InlineData("bool eq", new[] { "p1/a", "p1/d", "p2/b" })]
    [InlineData("int ge and bool eq", new[] { "p1/d" })]
    public async Task QueryAsync_TypedCondition_MatchesByValue(string condition, string[] expected)
    {
        var (store, table) = await SeededAsync();
        PropertyCondition[] conditions = condition switch
        {
            "string eq" => [new("Name", ComparisonOperator.Equal, "beta")],
            "int lt" => [new("Count", ComparisonOperator.LessThan, 3)],
            "time lt" => [new("At", ComparisonOperator.LessThan, Noon.AddHours(2))],
            "bool eq" => [new("Open", ComparisonOperator.Equal, true)],
            "int ge and bool eq" => [new("Count", ComparisonOperator.GreaterThanOrEqual, 3), new("Open", ComparisonOperator.Equal, true)],
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };

        var rows = await TableAssert.ListAsync(store, table, new TableQuery { Conditions = conditions });

        Assert.Equal(expected, Keys(rows));
    }

    [Theory]
    [InlineData("Count", "2")]
    [InlineData("Name", 2)]
    [InlineData("Open", "true")]
    public async Task QueryAsync_ConditionOfAnotherType_MatchesNothing(string property, object value)
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table,
            new TableQuery { Conditions = [new PropertyCondition(property, ComparisonOperator.Equal, value)] });

        Assert.Empty(rows);
    }

    [Fact]
    public async Task QueryAsync_MissingProperty_MatchesNothing()
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table,
            new TableQuery { Conditions = [new PropertyCondition("Absent", ComparisonOperator.NotEqual, "x")] });

        Assert.Empty(rows);
    }

    [Fact]
    public async Task QueryAsync_Take_StopsAfterThatManyInKeyOrder()
    {
        var (store, table) = await SeededAsync();

        var rows = await TableAssert.ListAsync(store, table, new TableQuery { PartitionKey = "p1", Take = 2 });

        Assert.Equal(["p1/a", "p1/b"], Keys(rows));
    }

    [Fact]
    public async Task QueryAsync_PartitionPrefix_ReturnsOnlyRowsWithThatPrefix()
    {
        var (store, table) = await FreshTableAsync();
        await store.AddAsync(table, Marked("z", "driver:1", "x"));
        await store.AddAsync(table, Marked("z", "order:1", "x"));
        await store.AddAsync(table, Marked("z", "order:2", "x"));
        await store.AddAsync(table, Marked("z", "order;", "x"));

        var rows = await TableAssert.ListAsync(store, table, TableQuery.PartitionPrefix("z", "order:"));

        Assert.Equal(["z/order:1", "z/order:2"], Keys(rows));
    }
}
