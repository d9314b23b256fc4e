using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Http.Authorization;

/// <summary>Runs <see cref="CallerAuthorization"/> for the endpoint's <see cref="RoutePermission"/> before its handler.</summary>
internal sealed class PermissionFilter(RoutePermission route) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // IOptions is always resolvable: a host that never registered the check gets the strict defaults.
        var options = http.RequestServices.GetRequiredService<IOptions<CallerAuthorizationOptions>>().Value;
        return CallerAuthorization.Refuse(http, route, options) ?? await next(context);
    }
}
