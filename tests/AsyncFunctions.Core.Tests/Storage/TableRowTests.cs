using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>
/// How a row's typed reads treat what a store hands back: the stored type, a missing property, a property of
/// another type, and the numeric widenings Table Storage forces (an Int64 read as an int, a whole double read back
/// as an int). A count that no longer fits an int fails loudly instead of wrapping.
/// </summary>
public sealed class TableRowTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly TableRow Row = new("p", "r", new Dictionary<string, object?>
    {
        ["S"] = "text",
        ["I"] = 7,
        ["L"] = 9L,
        ["Big"] = (long)int.MaxValue + 1,
        ["D"] = 2.5,
        ["W"] = Time,
        ["N"] = null,
    });

    [Fact]
    public void Get_StoredTypeMissingOrOtherType_ValueOrDefault()
    {
        Assert.Equal("text", Row.Get<string>("S"));
        Assert.Equal(7, Row.Get<int>("I"));
        Assert.Equal(0, Row.Get<int>("S"));
        Assert.Null(Row.Get<string>("missing"));
        Assert.Null(Row.GetString("I"));
        Assert.Null(Row.GetString("N"));
    }

    [Fact]
    public void GetInt_IntOrLong_TheNumber() =>
        Assert.Equal((7, 9), (Row.GetInt("I"), Row.GetInt("L")));

    [Fact]
    public void GetInt_MissingNullOrNotANumber_Zero() =>
        Assert.Equal((0, 0, 0, 0), (Row.GetInt("missing"), Row.GetInt("N"), Row.GetInt("S"), Row.GetInt("D")));

    [Fact]
    public void GetInt_LongBeyondInt_Overflows() =>
        Assert.Throws<OverflowException>(() => Row.GetInt("Big"));

    [Fact]
    public void GetDouble_DoubleIntOrLong_TheNumber() =>
        Assert.Equal((2.5, 7.0, 9.0), (Row.GetDouble("D"), Row.GetDouble("I"), Row.GetDouble("L")));

    [Fact]
    public void GetDouble_MissingNullOrNotANumber_Zero() =>
        Assert.Equal((0.0, 0.0, 0.0), (Row.GetDouble("missing"), Row.GetDouble("N"), Row.GetDouble("S")));

    [Fact]
    public void GetTime_StoredTimeOrNull()
    {
        Assert.Equal(Time, Row.GetTime("W"));
        Assert.Null(Row.GetTime("missing"));
        Assert.Null(Row.GetTime("S"));
    }
}
