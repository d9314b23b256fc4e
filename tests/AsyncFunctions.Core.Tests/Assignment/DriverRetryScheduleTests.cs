using AsyncFunctions.Core.Assignment;

namespace AsyncFunctions.Core.Tests.Assignment;

public sealed class DriverRetryScheduleTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(3, 12)]
    [InlineData(4, 20)]
    [InlineData(31, 20)]
    public void Delay_InitialThreeCapTwenty_DoublesFromTheInitialAndStopsAtTheCap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DriverRetrySchedule.Delay(attempt, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20)));

    [Fact]
    public void Delay_CapBelowInitial_IsTheCap() =>
        Assert.Equal(TimeSpan.FromSeconds(2), DriverRetrySchedule.Delay(1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)));
}
