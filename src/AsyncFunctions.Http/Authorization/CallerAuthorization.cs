using AsyncFunctions.Http.Results;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Authorization;

/// <summary>
/// The check every route runs before its handler: no trustworthy, well-formed principal is 401, a
/// principal whose roles do not grant the route's permission is 403, both as problem+json.
/// </summary>
public static class CallerAuthorization
{
    /// <summary>The refusal for this caller on this route, or null when the handler may run.</summary>
    public static ContractResult? Refuse(HttpContext context, RoutePermission route, CallerAuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(options);
        if (route.Required is not { } required || !options.RequireRoles)
            return null;

        if (!options.TrustPrincipalHeader)
            return AuthorizationProblems.Unauthenticated(context, "Callers are identified by App Service authentication, which is not enabled for this app.");

        var values = context.Request.Headers[ClientPrincipalHeader.Name];
        if (values.Count == 0)
            return AuthorizationProblems.Unauthenticated(context, "This route needs an authenticated caller.");
        if (values.Count > 1 || !ClientPrincipalHeader.TryParse(values[0], options.MaxPrincipalHeaderLength, out var principal))
            return AuthorizationProblems.Unauthenticated(context, "The caller's principal could not be read.");

        return AppRoles.PermissionsOf(principal.Roles).Contains(required)
            ? null
            : AuthorizationProblems.Forbidden(context, required);
    }

    /// <summary>Runs the handler only if the caller may; for hosts that call the handlers without <c>MapDispatchApi</c> (the Functions app).</summary>
    public static async Task<IResult> GuardAsync(HttpContext context, RoutePermission route, CallerAuthorizationOptions options, Func<Task<IResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Refuse(context, route, options) ?? await handler();
    }
}
