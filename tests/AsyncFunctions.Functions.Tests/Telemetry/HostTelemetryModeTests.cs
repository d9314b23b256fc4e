using System.Text.Json;

namespace AsyncFunctions.Functions.Tests.Telemetry;

/// <summary>The Functions host itself is on OpenTelemetry too, as the host.json deployed with the app says.</summary>
public sealed class HostTelemetryModeTests
{
    // The build copies the repository's host.json (linked into the app) next to the app, and so next to these tests.
    private static JsonElement HostJson()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void HostJson_TelemetryMode_IsOpenTelemetry()
    {
        var host = HostJson();

        Assert.Equal("OpenTelemetry", host.GetProperty("telemetryMode").GetString());
        // The Application Insights SDK settings do nothing in this mode; keeping them would say otherwise.
        Assert.False(host.GetProperty("logging").TryGetProperty("applicationInsights", out _));
    }
}
