using AsyncFunctions.LoadGen.Reporting;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class PercentileTests
{
    [Fact]
    public void Of_HundredValues_ReturnsNearestRank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();

        Assert.Equal(50, Percentile.Of(values, 0.50));
        Assert.Equal(99, Percentile.Of(values, 0.99));
        Assert.Equal(100, Percentile.Of(values, 1.0));
    }

    [Fact]
    public void Of_NoValues_IsNull()
    {
        Assert.Null(Percentile.Of([], 0.5));
    }
}
