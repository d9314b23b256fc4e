using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>
/// A prefix query's range ends just past the prefix (last character + 1), so it lists exactly the keys that
/// start with it; an empty prefix lists the whole partition.
/// </summary>
public sealed class TableQueryTests
{
    [Theory]
    [InlineData("a", "b")]
    [InlineData("order|", "order}")]
    [InlineData("ab", "ac")]
    public void PrefixEnd_LastCharacterPlusOne(string prefix, string end) =>
        Assert.Equal(end, TableQuery.PrefixEnd(prefix));

    [Fact]
    public void PrefixEnd_EmptyPrefix_AboveEveryKey() =>
        Assert.Equal("\uffff", TableQuery.PrefixEnd(""));

    [Fact]
    public void PartitionPrefix_RangeAndConditions()
    {
        var condition = new PropertyCondition("Status", ComparisonOperator.Equal, "x");

        var query = TableQuery.PartitionPrefix("p", "due|", condition);

        Assert.Equal(new TableQuery { PartitionKey = "p", RowKeyFrom = "due|", RowKeyTo = "due}", Conditions = query.Conditions }, query);
        Assert.Equal([condition], query.Conditions);
        Assert.Null(query.Take);
    }

    [Theory]
    [InlineData("due|", new[] { "due|1", "due|2" })]
    [InlineData("", new[] { "a", "due|1", "due|2", "due}", "z\u00e9" })]
    public async Task PartitionPrefix_OverAStore_ListsExactlyTheKeysWithThePrefix(string prefix, string[] expected)
    {
        var store = new InMemoryTableStore();
        foreach (var key in new[] { "a", "due|1", "due|2", "due}", "z\u00e9" })
            await store.UpsertAsync("t", new TableRow("p", key, new Dictionary<string, object?>()));
        await store.UpsertAsync("t", new TableRow("q", "due|3", new Dictionary<string, object?>()));

        var keys = new List<string>();
        await foreach (var row in store.QueryAsync("t", TableQuery.PartitionPrefix("p", prefix)))
            keys.Add(row.RowKey);

        Assert.Equal(expected, keys);
    }
}
