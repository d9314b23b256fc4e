using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Tests.Resilience;

public sealed class ResilienceOptionsTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(1000, 60)]
    public void RescheduleDelay_Copy_DoublesThenCaps(int copy, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new ResilienceOptions().RescheduleDelay(copy));

    [Theory]
    [InlineData("Resilience:InProcessRetries", "11")]
    [InlineData("Resilience:BreakerFailureRatio", "0")]
    [InlineData("Resilience:BreakerMinimumThroughput", "1")]
    [InlineData("Resilience:BreakerBreakDuration", "00:00:00.100")]
    [InlineData("Resilience:GiveUpAfter", "00:00:30")]
    [InlineData("Resilience:RescheduleMaxDelay", "00:00:01")]
    [InlineData("Resilience:InProcessRetryMaxDelay", "00:00:00.0005")]
    [InlineData("Resilience:AbandonDelay", "00:00:31")]
    [InlineData("Resilience:MessageLockDuration", "00:00:00.500")]
    [InlineData("Resilience:MessageLockDuration", "00:06:00")]
    public void Options_OutOfRangeOrInconsistent_FailValidation(string key, string value)
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { [key] = value });

        Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<ResilienceOptions>>().Value);
    }

    [Fact]
    public void Options_Defaults_AreValid()
    {
        using var h = new DispatchHarness();

        Assert.Equal(3, h.Get<IOptions<ResilienceOptions>>().Value.InProcessRetries);
    }

    [Theory]
    [InlineData("Resilience:AbandonDelay", "00:00:16", "Resilience:AbandonDelay (16 s) must be at most half the message lock")]
    [InlineData("Resilience:InProcessRetryMaxDelay", "00:00:06", "Resilience:InProcessRetries × Resilience:InProcessRetryMaxDelay (3 × 6 s) must be at most half the message lock")]
    public void Options_HoldOrRetriesOutlastHalfTheLock_FailNamingTheSettingAndTheLock(string key, string value, string expected)
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { ["Resilience:MessageLockDuration"] = "00:00:30", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<ResilienceOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("Resilience:MessageLockDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_HoldAndRetriesExactlyHalfTheLock_AreValid()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:MessageLockDuration"] = "00:00:12",
            ["Resilience:AbandonDelay"] = "00:00:06",
            ["Resilience:InProcessRetries"] = "3",
            ["Resilience:InProcessRetryMaxDelay"] = "00:00:02",
        });

        Assert.Equal(TimeSpan.FromSeconds(6), h.Get<IOptions<ResilienceOptions>>().Value.MaxInProcessRetryTime);
    }

    [Theory]
    [InlineData("RescheduleInitialDelay", "RescheduleMaxDelay")]
    [InlineData("InProcessRetryDelay", "InProcessRetryMaxDelay")]
    public void Options_BackoffCapBelowItsFirstDelay_FailValidationNamingBoth(string initial, string cap)
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            [$"Resilience:{initial}"] = "00:00:00.200",
            [$"Resilience:{cap}"] = "00:00:00.100",
        });

        var error = Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<ResilienceOptions>>().Value);

        Assert.Contains($"{cap} must not be below {initial}.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BackoffCapsEqualToTheirFirstDelays_AreValid()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:InProcessRetryDelay"] = "00:00:00.500",
            ["Resilience:InProcessRetryMaxDelay"] = "00:00:00.500",
            ["Resilience:RescheduleInitialDelay"] = "00:00:20",
            ["Resilience:RescheduleMaxDelay"] = "00:00:20",
        });

        Assert.Equal(TimeSpan.FromSeconds(20), h.Get<IOptions<ResilienceOptions>>().Value.RescheduleDelay(3));
    }

    [Fact]
    public void Options_GiveUpEqualToTheRescheduleCap_FailValidationSayingWhy()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:RescheduleMaxDelay"] = "00:01:00",
            ["Resilience:GiveUpAfter"] = "00:01:00",
        });

        var error = Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<ResilienceOptions>>().Value);

        Assert.Contains("GiveUpAfter must be longer than RescheduleMaxDelay, or no message is ever rescheduled twice.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_GiveUpJustLongerThanTheRescheduleCap_Valid()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Resilience:RescheduleMaxDelay"] = "00:01:00",
            ["Resilience:GiveUpAfter"] = "00:01:01",
        });

        Assert.Equal(TimeSpan.FromSeconds(61), h.Get<IOptions<ResilienceOptions>>().Value.GiveUpAfter);
    }
}
