using System.Net;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Testing.Hosting;

/// <summary>
/// The real local host (its Program) in process, with its consumers, broker and store, and the settings and
/// service overrides a test gives it. In process on TestServer by default; <see cref="ListenOnLoopback"/> puts
/// it on a socket for what only a real connection has (a browser, the load generator, the port a request came to).
/// </summary>
public class LocalHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>The address the host listens on, after starting it; only for a host on a socket.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
                ?? throw new InvalidOperationException("The server reports no addresses.");
            return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        }
    }

    /// <summary>The port the host listens on, after starting it; only for a host on a socket.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The host's in-memory broker queue.</summary>
    public InMemoryQueue Queue => Services.GetRequiredService<InMemoryQueue>();

    /// <summary>The host's in-memory table store.</summary>
    public InMemoryTableStore Store => Services.GetRequiredService<InMemoryTableStore>();

    /// <summary>Sets one host setting (a configuration key, as on the command line); returns the factory for chaining.</summary>
    public LocalHostFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>Test-only service overrides, applied after the host's own registrations.</summary>
    public LocalHostFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>A client over a real connection to <see cref="BaseAddress"/>.</summary>
    public HttpClient CreateSocketClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Puts the host on Kestrel at 127.0.0.1 and a port the OS picks, instead of TestServer.</summary>
    protected void ListenOnLoopback()
    {
        // Never the default 7071: a developer's running host, or another engineer's tests, must not collide.
        With(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
                configure(services);
        });
    }
}
