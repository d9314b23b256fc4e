using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Local.Security;
using AsyncFunctions.Local.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Local.Tests.Security;

/// <summary>Every /api endpoint the local host really serves carries its row of the route table; none is forgotten.</summary>
public sealed class LocalRouteTableTests(LocalHostFactory factory) : IClassFixture<LocalHostFactory>
{
    [Fact]
    public void Endpoints_EveryApiRoute_HasItsRoutePermission()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal) && e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .ToList();

        var mapped = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var method = Assert.Single(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
            var row = endpoint.Metadata.GetMetadata<RoutePermission>();
            Assert.True(row is not null, $"{method} {endpoint.RoutePattern.RawText} has no RoutePermission.");
            Assert.Equal((method, endpoint.RoutePattern.RawText), (row.Method, row.Template));
            mapped.Add(row.ToString());
        }

        Assert.Equal(
            RoutePermissions.All.Concat(LocalRoutePermissions.All).Select(r => r.ToString()).Order(StringComparer.Ordinal),
            mapped.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Default_RolesNotRequired_EveryRouteOpenWithoutPrincipal()
    {
        using var client = factory.CreateClient();

        using var deadLetters = await client.GetAsync("/api/deadletters");
        using var snapshot = await client.GetAsync("/api/dashboard/snapshot");
        using var replay = await client.PostAsync("/api/deadletters/0000000000000000000-deadbeef/replay", null);

        Assert.Equal(System.Net.HttpStatusCode.OK, deadLetters.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, snapshot.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, replay.StatusCode);
    }
}
