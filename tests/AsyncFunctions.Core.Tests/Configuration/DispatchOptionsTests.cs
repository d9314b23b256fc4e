using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Tests.Configuration;

public sealed class DispatchOptionsTests
{
    private static readonly DispatchOptions Options = new()
    {
        DriverRetryInitial = TimeSpan.FromSeconds(5),
        DriverRetryMax = TimeSpan.FromMinutes(1),
    };

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    [InlineData(5, 60)]
    [InlineData(6, 60)]
    [InlineData(1000, 60)]
    [InlineData(int.MaxValue, 60)]
    public void DriverRetryDelay_Attempt_DoublesThenCaps(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Options.DriverRetryDelay(attempt));

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DriverRetryDelay_AttemptBelowOne_IsTheInitialDelay(int attempt) =>
        Assert.Equal(TimeSpan.FromSeconds(5), Options.DriverRetryDelay(attempt));

    [Fact]
    public void DriverRetryDelay_Defaults_StartAtFiveSecondsAndCapAtAMinute()
    {
        var defaults = new DispatchOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), defaults.DriverRetryDelay(1));
        Assert.Equal(TimeSpan.FromMinutes(1), defaults.DriverRetryDelay(30));
    }

    [Fact]
    public void Options_BoundFromDispatchSection_UseTheSettings()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Dispatch:LeaseDuration"] = "00:00:05",
            ["Dispatch:MaxConflictRetries"] = "3",
        });

        Assert.Equal(TimeSpan.FromSeconds(5), h.Options.LeaseDuration);
        Assert.Equal(3, h.Options.MaxConflictRetries);
    }

    [Theory]
    [InlineData("Dispatch:LeaseDuration", "00:00:00.001")]
    [InlineData("Dispatch:MaxConflictRetries", "0")]
    [InlineData("Storage:DispatchTable", "bad-name")]
    public void Options_OutOfRange_FailValidation(string key, string value)
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?> { [key] = value });

        // A plain container validates on first use; a host's ValidateOnStart does it at start-up.
        Assert.Throws<OptionsValidationException>(() => (h.Options, h.Store));
    }

    [Fact]
    public void Options_DriverRetryMaxBelowInitial_FailValidationNamingBoth()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Dispatch:DriverRetryInitial"] = "00:00:10",
            ["Dispatch:DriverRetryMax"] = "00:00:05",
        });

        var error = Assert.Throws<OptionsValidationException>(() => h.Options);

        Assert.Contains("DriverRetryMax must not be below DriverRetryInitial.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_DriverRetryMaxEqualToInitial_IsAFixedWait()
    {
        using var h = new DispatchHarness(settings: new Dictionary<string, string?>
        {
            ["Dispatch:DriverRetryInitial"] = "00:00:10",
            ["Dispatch:DriverRetryMax"] = "00:00:10",
        });

        Assert.Equal(TimeSpan.FromSeconds(10), h.Options.DriverRetryDelay(4));
    }
}
