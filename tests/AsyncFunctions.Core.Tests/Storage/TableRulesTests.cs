using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>
/// The 400s of Table Storage, at their exact limits, with the message every store gives: a row or a
/// transaction one past a limit is refused, one at the limit is accepted.
/// </summary>
public sealed class TableRulesTests
{
    private static TableRow Row(string rowKey = "r", Dictionary<string, object?>? properties = null, string partitionKey = "p") =>
        new(partitionKey, rowKey, properties ?? []);

    private static string Refusal(Action check) =>
        Assert.Throws<TableStorageException>(check) is { Kind: TableErrorKind.BadRequest } refused ? refused.Message : "not a 400";

    [Fact]
    public void CheckRow_PropertyCountAtTheLimit_AcceptedOneMoreRefused()
    {
        var properties = Enumerable.Range(0, TableLimits.MaxPropertyCount).ToDictionary(i => $"P{i}", object? (i) => i);
        TableRules.CheckRow(Row(properties: properties));

        properties["Extra"] = 1;

        Assert.Equal($"Entity has {TableLimits.MaxPropertyCount + 1} properties; the limit is {TableLimits.MaxPropertyCount}.", Refusal(() => TableRules.CheckRow(Row(properties: properties))));
    }

    [Fact]
    public void CheckRow_StringAtTheLimit_AcceptedOneCharacterMoreRefused()
    {
        TableRules.CheckRow(Row(properties: new() { ["S"] = new string('x', TableLimits.MaxStringChars) }));

        Assert.Equal($"Property 'S' holds {TableLimits.MaxStringChars + 1} characters; the limit is {TableLimits.MaxStringChars}.",
            Refusal(() => TableRules.CheckRow(Row(properties: new() { ["S"] = new string('x', TableLimits.MaxStringChars + 1) }))));
    }

    [Fact]
    public void CheckRow_BinaryAtTheLimit_AcceptedOneByteMoreRefused()
    {
        TableRules.CheckRow(Row(properties: new() { ["B"] = new byte[TableLimits.MaxBinaryBytes] }));

        Assert.Equal($"Property 'B' holds {TableLimits.MaxBinaryBytes + 1} bytes; the limit is {TableLimits.MaxBinaryBytes}.",
            Refusal(() => TableRules.CheckRow(Row(properties: new() { ["B"] = new byte[TableLimits.MaxBinaryBytes + 1] }))));
    }

    [Fact]
    public void CheckRow_UnsupportedType_RefusedNamingIt() =>
        Assert.Equal("Property 'G' has type Guid, which Table Storage cannot store.",
            Refusal(() => TableRules.CheckRow(Row(properties: new() { ["G"] = Guid.Empty }))));

    // The estimate: 4 + 2 per key character, then per property 8 + 2 per name character + the value
    // (a string 4 + 2 per character). With keys "p"/"r" and 32,000-character strings named Sa, Sb, …:
    // 8 + n × (8 + 4 + 4 + 64,000); sixteen make 1,024,264 bytes (under 1 MiB), seventeen 1,088,280 (over).
    [Fact]
    public void CheckRow_EntityOverOneMebibyte_RefusedWithTheEstimate()
    {
        Dictionary<string, object?> Strings(int count) =>
            Enumerable.Range(0, count).ToDictionary(i => $"S{(char)('a' + i)}", object? (_) => new string('x', 32_000));

        TableRules.CheckRow(Row(properties: Strings(16)));

        Assert.Equal($"Entity is about {8 + 17 * 64_016} bytes; the limit is {TableLimits.MaxEntityBytes}.", Refusal(() => TableRules.CheckRow(Row(properties: Strings(17)))));
    }

    [Theory]
    [InlineData("Timestamp")]
    [InlineData("rowkey")]
    [InlineData("1st")]
    [InlineData("has-dash")]
    public void CheckRow_PropertyNameTableStorageRefuses_Refused(string name) =>
        Assert.StartsWith($"'{name}' is not a property name Table Storage accepts", Refusal(() => TableRules.CheckRow(Row(properties: new() { [name] = 1 }))), StringComparison.Ordinal);

    [Fact]
    public void CheckRow_KeyWithASlash_RefusedNamingBothKeys() =>
        Assert.Equal("Key 'p'/'a/b' contains a character Table Storage refuses or is too long.", Refusal(() => TableRules.CheckRow(Row("a/b"))));

    [Fact]
    public void CheckTransaction_TwoPartitions_Refused() =>
        Assert.Equal("All actions of a transaction must share one PartitionKey.",
            Refusal(() => TableRules.CheckTransaction([TableAction.Add(Row("a")), TableAction.Add(Row("b", partitionKey: "q"))])));

    [Fact]
    public void CheckTransaction_SameEntityTwice_Refused() =>
        Assert.Equal("A transaction may touch each entity only once.",
            Refusal(() => TableRules.CheckTransaction([TableAction.Add(Row("a")), TableAction.Upsert(Row("a"))])));

    [Fact]
    public void CheckTransaction_OnePartitionDistinctRows_Accepted() =>
        TableRules.CheckTransaction([TableAction.Add(Row("a")), TableAction.Upsert(Row("b")), TableAction.Delete(Row("c"), "*")]);

    [Fact]
    public void CheckTransaction_NoActionsOrOverTheLimit_RefusedWithTheCount()
    {
        Assert.Equal($"A transaction holds 1 to {TableLimits.MaxTransactionActions} actions; this one has 0.", Refusal(() => TableRules.CheckTransaction([])));
        var tooMany = Enumerable.Range(0, TableLimits.MaxTransactionActions + 1).Select(i => TableAction.Add(Row($"r{i}"))).ToList();
        Assert.EndsWith($"this one has {TableLimits.MaxTransactionActions + 1}.", Refusal(() => TableRules.CheckTransaction(tooMany)), StringComparison.Ordinal);
        TableRules.CheckTransaction(tooMany[..TableLimits.MaxTransactionActions]);
    }

    [Fact]
    public void IsValidKey_AtTheLengthLimit_ValidOneMoreNot()
    {
        Assert.True(TableLimits.IsValidKey(new string('k', TableLimits.MaxKeyLength)));
        Assert.False(TableLimits.IsValidKey(new string('k', TableLimits.MaxKeyLength + 1)));
    }
}
