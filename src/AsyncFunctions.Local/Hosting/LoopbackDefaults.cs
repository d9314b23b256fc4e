using Microsoft.AspNetCore.Hosting;

namespace AsyncFunctions.Local.Hosting;

/// <summary>The address of the Functions host (func start), on loopback only: the local host is not meant to be reachable from the network.</summary>
public static class LoopbackDefaults
{
    public const string Url = "http://127.0.0.1:7071";

    public static WebApplicationBuilder UseLoopbackByDefault(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(Url);
        return builder;
    }
}
