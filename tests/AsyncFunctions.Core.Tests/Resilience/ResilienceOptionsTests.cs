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
}
