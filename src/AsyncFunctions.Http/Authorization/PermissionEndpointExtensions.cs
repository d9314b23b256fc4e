using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Authorization;

/// <summary>Attaches a route's row of <see cref="RoutePermissions"/> to its endpoint: the check, and the row as metadata.</summary>
public static class PermissionEndpointExtensions
{
    public static RouteHandlerBuilder RequirePermission(this RouteHandlerBuilder builder, RoutePermission route)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(route);
        return builder.WithMetadata(route).AddEndpointFilter(new PermissionFilter(route));
    }
}
