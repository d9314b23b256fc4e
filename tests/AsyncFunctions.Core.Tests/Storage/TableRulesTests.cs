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

    // Keys "p"/"r" (8), fifteen full 64 KiB binaries named B00…B14 (8 + 6 + 4 + 65,536 = 65,554 each), and one
    // more binary B15 of n bytes (8 + 6 + 4 + n): n = 65,240 makes exactly 1,048,576 bytes, the limit.
    [Fact]
    public void CheckRow_EntityOfExactlyOneMebibyte_AcceptedOneByteMoreRefused()
    {
        Dictionary<string, object?> Binaries(int last)
        {
            var properties = Enumerable.Range(0, 15).ToDictionary(i => $"B{i:D2}", object? (_) => new byte[TableLimits.MaxBinaryBytes]);
            properties["B15"] = new byte[last];
            return properties;
        }

        TableRules.CheckRow(Row(properties: Binaries(65_240)));

        Assert.Equal($"Entity is about {TableLimits.MaxEntityBytes + 1} bytes; the limit is {TableLimits.MaxEntityBytes}.",
            Refusal(() => TableRules.CheckRow(Row(properties: Binaries(65_241)))));
    }

    // Each type's share of the estimate: sixteen full binaries B00…B15 (16 × 65,554 = 1,048,864, keys 8), then per
    // one-letter name 8 + 2 + the value: int 4, bool 4, long 8, double 8, DateTimeOffset 8, null 0, "abc" 4 + 6.
    [Fact]
    public void CheckRow_OversizedEntityOfEveryType_EstimateCountsEachTypesSize()
    {
        var properties = Enumerable.Range(0, 16).ToDictionary(i => $"B{i:D2}", object? (_) => new byte[TableLimits.MaxBinaryBytes]);
        properties["I"] = 1;
        properties["T"] = true;
        properties["L"] = 1L;
        properties["D"] = 1.5;
        properties["W"] = DateTimeOffset.UnixEpoch;
        properties["N"] = null;
        properties["S"] = "abc";

        Assert.Equal($"Entity is about {8 + 1_048_864 + 14 + 14 + 18 + 18 + 18 + 10 + 20} bytes; the limit is {TableLimits.MaxEntityBytes}.",
            Refusal(() => TableRules.CheckRow(Row(properties: properties))));
    }

    [Theory]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    public void IsValidKey_CharacterTableStorageRefuses_Invalid(string key) =>
        Assert.False(TableLimits.IsValidKey(key));

    [Theory]
    [InlineData("")]
    [InlineData("a-b_c.d:e f~")]
    public void IsValidKey_OrdinaryCharacters_Valid(string key) =>
        Assert.True(TableLimits.IsValidKey(key));

    [Fact]
    public void CheckRow_InvalidPartitionKey_RefusedNamingBothKeys() =>
        Assert.Equal("Key 'p#1'/'r' contains a character Table Storage refuses or is too long.", Refusal(() => TableRules.CheckRow(Row(partitionKey: "p#1"))));

    [Theory]
    [InlineData("_x", true)]
    [InlineData("x9", true)]
    [InlineData("PartitionKey", false)]
    [InlineData("ROWKEY", false)]
    [InlineData("9x", false)]
    [InlineData("", false)]
    public void IsValidPropertyName_IdentifiersButNotSystemNames(string name, bool valid) =>
        Assert.Equal(valid, TableRules.IsValidPropertyName(name));

    [Fact]
    public void IsValidPropertyName_UpTo255Characters()
    {
        Assert.True(TableRules.IsValidPropertyName(new string('n', 255)));
        Assert.False(TableRules.IsValidPropertyName(new string('n', 256)));
    }

    [Fact]
    public void CheckTransaction_InvalidRowInside_RefusedWithTheRowsMessage() =>
        Assert.Equal("Key 'p'/'a?' contains a character Table Storage refuses or is too long.",
            Refusal(() => TableRules.CheckTransaction([TableAction.Add(Row("ok")), TableAction.Add(Row("a?"))])));
}
