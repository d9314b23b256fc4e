using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>
/// The local host in process with test timings. The driver retry backoff is long on purpose: an
/// order that waits for a driver and is then assigned within a second was woken, not retried.
/// </summary>
public class LocalHostFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string> _settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Local:Consumers"] = "4",
        ["Local:SweepInterval"] = "00:00:00.200",
        ["Local:LockDuration"] = "00:00:05",
        // Holds and in-process retries stay within half the lock (validated at start), down to the 2 s lock a test uses.
        ["Resilience:AbandonDelay"] = "00:00:01",
        ["Resilience:InProcessRetryMaxDelay"] = "00:00:00.300",
        ["Dispatch:LeaseDuration"] = "00:00:01",
        ["Dispatch:StaleAfter"] = "00:00:01",
        ["Dispatch:DriverRetryInitial"] = "00:00:30",
        ["Dispatch:DriverRetryMax"] = "00:01:00",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private readonly List<Action<IServiceCollection>> _services = [];

    public LocalHostFactory With(string key, string value)
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
                configure(services);
        });
    }
}
