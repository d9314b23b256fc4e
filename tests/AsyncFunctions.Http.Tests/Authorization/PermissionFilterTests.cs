using System.Net;
using System.Text;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Routing;
using AsyncFunctions.Http.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>The check as MapDispatchApi runs it, in front of the real handlers, over an in-process server.</summary>
public sealed class PermissionFilterTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    public static TheoryData<string, string, string> Routes => new()
    {
        { "POST", "/api/orders", "Orders.Submit" },
        { "GET", "/api/orders/o-1", "Orders.Read" },
        { "POST", "/api/orders/o-1/delivered", "Deliveries.Confirm" },
        { "PUT", "/api/drivers/d-1", "Drivers.Manage" },
        { "GET", "/api/drivers?zone=z1", "Drivers.Manage" },
        { "GET", "/api/deadletters", "DeadLetters.Operate" },
        { "POST", "/api/deadletters/dl-1/replay", "DeadLetters.Operate" },
    };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddCallerAuthorization(requireRoles: true, trustPrincipalHeader: true);
        // Ports that answer nothing useful: what a handler makes of it does not matter here, only that it ran.
        builder.Services.AddDispatchCore()
            .UseTableStore(_ => Mock.Of<ITableStore>())
            .UsePublisher(_ => Mock.Of<IMessagePublisher>());
        _app = builder.Build();
        _app.MapDispatchApi();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_GrantingRole_ReachesTheHandler(string method, string url, string role)
    {
        using var response = await SendAsync(method, url, Principals.Header(role));

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_EveryOtherRole_Is403Problem(string method, string url, string role)
    {
        var others = AppRoles.Grants.Keys.Where(r => r != role).ToArray();
        using var response = await SendAsync(method, url, Principals.Header(others));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_NoPrincipal_Is401Problem(string method, string url, string role)
    {
        _ = role;
        using var response = await SendAsync(method, url, principal: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Health_NoPrincipal_Is200()
    {
        using var response = await SendAsync("GET", DispatchRoutes.Health, principal: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string method, string url, string? principal)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (principal is not null)
            request.Headers.Add(ClientPrincipalHeader.Name, principal);
        return _client!.SendAsync(request);
    }
}
