using System.Net;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>
/// The real local host (its Program) on Kestrel at 127.0.0.1 and a port the OS picks: a browser needs a
/// socket, which TestServer does not have. Settings are passed as the command line would.
/// </summary>
public sealed class LocalHostFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public LocalHostFactory(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Starts the host if needed and returns the address it listens on.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        }
    }

    public InMemoryQueue Queue => Services.GetRequiredService<InMemoryQueue>();

    public InMemoryTableStore Store => Services.GetRequiredService<InMemoryTableStore>();

    public HttpClient CreateSocketClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Never the default 7071: a developer's running host must not collide with the tests.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (_services is not null)
            builder.ConfigureServices(_services);
    }
}
