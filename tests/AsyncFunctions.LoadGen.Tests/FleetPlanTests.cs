using System.Text.RegularExpressions;
using AsyncFunctions.LoadGen.Cli;
using AsyncFunctions.LoadGen.Load;

namespace AsyncFunctions.LoadGen.Tests;

public sealed class FleetPlanTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.05, 50)]
    [InlineData(0.333, 333)]
    [InlineData(1.0, 1000)]
    public void IsDuplicated_Fraction_PicksExactlyThatShareOfOrders(double fraction, int expected)
    {
        var plan = new FleetPlan(new LoadOptions { Orders = 1000, Duplicates = fraction });

        Assert.Equal(expected, Enumerable.Range(0, 1000).Count(plan.IsDuplicated));
    }

    [Fact]
    public void Ids_LongestRun_FitTheContractsIdRules()
    {
        var plan = new FleetPlan(new LoadOptions { RunId = new string('r', 20) });

        Assert.Matches(new Regex("^[A-Za-z0-9_.:-]{1,64}$"), plan.OrderId(999_999));
        Assert.Matches(new Regex("^[a-z0-9-]{1,64}$"), FleetPlan.Zone(99));
        Assert.Equal("load-driver-0001", FleetPlan.DriverId(0));
    }
}
