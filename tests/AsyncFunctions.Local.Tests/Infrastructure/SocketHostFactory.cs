using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// The local host on Kestrel at 127.0.0.1 and a port the OS picks, for what only a real connection has:
/// the port a request arrived on.
/// </summary>
public sealed class SocketHostFactory : LocalHostFactory
{
    public SocketHostFactory()
    {
        // Never the default 7071: a developer's running host must not collide with the tests.
        With(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the host if needed and returns the port it listens on.</summary>
    public int Port
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))).Port;
        }
    }

    public HttpClient CreateSocketClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };
}
