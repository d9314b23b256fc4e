using System.Text.Json;

namespace AsyncFunctions.Functions.Tests.Triggers;

/// <summary>
/// The host.json settings the session-enabled AssignOrder trigger runs with. The names are the Service Bus
/// extension's (ServiceBusOptions in Microsoft.Azure.WebJobs.Extensions.ServiceBus 5.x); the host cannot run here, so a
/// misspelt one would be silently ignored in Azure, and this test is what pins them.
/// </summary>
public sealed class SessionSettingsTests
{
    private static JsonElement ServiceBus()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        return document.RootElement.GetProperty("extensions").GetProperty("serviceBus").Clone();
    }

    [Fact]
    public void HostJson_CallsPerSession_Are16AsMeasured()
    {
        // Without it a session is served one message at a time (the extension's default of 1): 60 orders/s in the
        // instances suite at K = 8, against 111/s with 16 (docs/performance.md).
        Assert.Equal(16, ServiceBus().GetProperty("maxConcurrentCallsPerSession").GetInt32());
    }

    [Fact]
    public void HostJson_SessionsPerInstance_AreBoundedAndIdleSessionsReleasedWithinSeconds()
    {
        var serviceBus = ServiceBus();

        Assert.Equal(8, serviceBus.GetProperty("maxConcurrentSessions").GetInt32());
        // A zone an instance holds is closed to every other instance: an idle one must be let go soon, or zones beyond
        // maxConcurrentSessions wait for the receive timeout (one minute here) before anyone serves them.
        var idle = TimeSpan.Parse(serviceBus.GetProperty("sessionIdleTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(idle, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }
}
