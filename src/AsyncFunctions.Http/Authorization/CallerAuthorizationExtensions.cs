using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Http.Authorization;

/// <summary>Registers <see cref="CallerAuthorizationOptions"/> with a host's defaults; settings may override RequireRoles, never the header trust.</summary>
public static class CallerAuthorizationExtensions
{
    public static IServiceCollection AddCallerAuthorization(this IServiceCollection services, bool requireRoles, bool trustPrincipalHeader)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CallerAuthorizationOptions>()
            .Configure(options => options.RequireRoles = requireRoles)
            .BindConfiguration(CallerAuthorizationOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // After binding, so an "Authorization:TrustPrincipalHeader" setting cannot make a forgeable header trusted.
        services.PostConfigure<CallerAuthorizationOptions>(options => options.TrustPrincipalHeader = trustPrincipalHeader);
        return services;
    }
}
