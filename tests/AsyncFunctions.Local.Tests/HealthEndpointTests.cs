using System.Net;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests;

/// <summary>GET /api/health.</summary>
public sealed class HealthEndpointTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public async Task Health_Returns200Ok()
    {
        using var response = await factory.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }
}
