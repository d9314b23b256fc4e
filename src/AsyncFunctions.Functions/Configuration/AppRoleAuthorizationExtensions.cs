using AsyncFunctions.Http.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Configuration;

/// <summary>The Functions app's role check: roles always required, the principal header believed only behind EasyAuth.</summary>
public static class AppRoleAuthorizationExtensions
{
    /// <summary>
    /// One place for the app's choice, so the tests that call the HTTP functions with synthetic
    /// principals run on exactly the registration Program.cs makes.
    /// </summary>
    public static IServiceCollection AddAppRoleAuthorization(this IServiceCollection services, bool easyAuthEnabled) =>
        services.AddCallerAuthorization(requireRoles: true, trustPrincipalHeader: easyAuthEnabled);
}
