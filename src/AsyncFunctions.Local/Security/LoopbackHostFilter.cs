using AsyncFunctions.Http.Results;

namespace AsyncFunctions.Local.Security;

/// <summary>
/// Answers only requests addressed to this machine by a loopback name and the port they arrived on.
/// A web page can point its own domain at 127.0.0.1 (DNS rebinding) and then read this host as if it
/// were that domain; the browser still sends the page's domain in Host, so it is refused here with 400.
/// </summary>
public sealed class LoopbackHostFilter(RequestDelegate next)
{
    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsLoopbackHost(context))
            return next(context);
        return DispatchProblems.Create(context, StatusCodes.Status400BadRequest, "Unknown host",
            "The local host answers only requests addressed to localhost, 127.0.0.1 or [::1] with its own port.").ExecuteAsync(context);
    }

    public static bool IsLoopbackHost(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Request.Headers.Host;
        var host = context.Request.Host;
        if (headers.Count != 1 || !host.HasValue || !LoopbackNames.Contains(host.Host, StringComparer.OrdinalIgnoreCase))
            return false;
        // The port the connection came in on is the configured one, also when it was chosen at start
        // (port 0). Without a TCP connection (the in-process test server) no browser can reach the host,
        // so there is no port to compare and the name alone decides.
        var arrivedOn = context.Connection.LocalPort;
        if (arrivedOn == 0)
            return true;
        return (host.Port ?? (context.Request.IsHttps ? 443 : 80)) == arrivedOn;
    }
}
