using AsyncFunctions.Http.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>The "Authorization" settings: host defaults, what settings may override, validation at start.</summary>
public sealed class CallerAuthorizationExtensionsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddCallerAuthorization_NoSettings_KeepsTheHostsDefault(bool requireRoles)
    {
        var options = Resolve(requireRoles, trustPrincipalHeader: true, settings: []);

        Assert.Equal(requireRoles, options.RequireRoles);
        Assert.True(options.TrustPrincipalHeader);
        Assert.Equal(16384, options.MaxPrincipalHeaderLength);
    }

    [Fact]
    public void AddCallerAuthorization_Setting_SwitchesTheCheckOn()
    {
        var options = Resolve(requireRoles: false, trustPrincipalHeader: true, new() { ["Authorization:RequireRoles"] = "true" });

        Assert.True(options.RequireRoles);
    }

    [Fact]
    public void AddCallerAuthorization_TrustSetting_CannotMakeTheHeaderTrusted()
    {
        var options = Resolve(requireRoles: true, trustPrincipalHeader: false, new() { ["Authorization:TrustPrincipalHeader"] = "true" });

        Assert.False(options.TrustPrincipalHeader);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100000")]
    public void AddCallerAuthorization_LengthOutOfRange_FailsValidation(string length)
    {
        var exception = Assert.Throws<OptionsValidationException>(() =>
            Resolve(requireRoles: true, trustPrincipalHeader: true, new() { ["Authorization:MaxPrincipalHeaderLength"] = length }));

        Assert.Contains(nameof(CallerAuthorizationOptions.MaxPrincipalHeaderLength), exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void AppServiceAuthentication_IsEnabled_OnlyWhenThePlatformSaysTrue(string? value, bool expected)
    {
        Assert.Equal(expected, AppServiceAuthentication.IsEnabled(value));
    }

    private static CallerAuthorizationOptions Resolve(bool requireRoles, bool trustPrincipalHeader, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddCallerAuthorization(requireRoles, trustPrincipalHeader);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CallerAuthorizationOptions>>().Value;
    }
}
