using AsyncFunctions.Http.Results;

namespace AsyncFunctions.Local.Security;

/// <summary>
/// Refuses (403) a state-changing request a browser sent on behalf of another site. A page may POST to
/// loopback without a CORS preflight when the request has no body or a form body ("simple requests"),
/// so the body's content type alone cannot protect body-less routes such as replay and delivered.
/// Browsers mark every request with Sec-Fetch-Site, or at least with Origin on a cross-origin POST;
/// clients that are not browsers (curl, the load generator, tests) send neither and are not affected.
/// </summary>
public sealed class CrossSiteRequestFilter(RequestDelegate next)
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsSafeMethod(context.Request.Method) || IsSameSite(context))
            return next(context);
        return DispatchProblems.Create(context, StatusCodes.Status403Forbidden, "Cross-site request refused",
            "The local host accepts changes only from its own pages or from clients that are not browsers.").ExecuteAsync(context);
    }

    public static bool IsSameSite(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fetchSite = context.Request.Headers[FetchSiteHeader];
        if (fetchSite.Count > 1)
            return false;
        if (fetchSite.Count == 1)
        {
            // "same-site" is refused too: another port on localhost (any dev server) is the same site.
            return string.Equals(fetchSite[0], "same-origin", StringComparison.OrdinalIgnoreCase)
                || string.Equals(fetchSite[0], "none", StringComparison.OrdinalIgnoreCase);
        }

        var origin = context.Request.Headers.Origin;
        if (origin.Count == 0)
            return true;
        // "null" (a sandboxed frame, a file: page, a redirect) never equals an origin, so it is refused.
        return origin.Count == 1 && string.Equals(origin[0], OwnOrigin(context.Request), StringComparison.OrdinalIgnoreCase);
    }

    private static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";

    private static bool IsSafeMethod(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
