using System.Net;
using System.Text;
using AsyncFunctions.Local.Tests.Infrastructure;

namespace AsyncFunctions.Local.Tests.Security;

/// <summary>
/// Black-box, with "Authorization:RequireRoles" on: every route × role cell of the local host, the
/// principal arriving in X-MS-CLIENT-PRINCIPAL exactly as EasyAuth passes it to the Functions app.
/// </summary>
public sealed class RoleCheckTests(RolesRequiredHostFactory factory) : IClassFixture<RolesRequiredHostFactory>
{
    private static readonly string[] Roles = ["Orders.Submit", "Orders.Read", "Deliveries.Confirm", "Drivers.Manage", "DeadLetters.Operate"];

    // Route → the one role that opens it (null: anonymous), written out rather than read from the table under test.
    private static readonly (string Method, string Url, string? Role)[] Routes =
    [
        ("POST", "/api/orders", "Orders.Submit"),
        ("GET", "/api/orders/ord-unknown", "Orders.Read"),
        ("POST", "/api/orders/ord-unknown/delivered", "Deliveries.Confirm"),
        ("PUT", "/api/drivers/{driver}", "Drivers.Manage"),
        ("GET", "/api/drivers?zone=z-roles", "Drivers.Manage"),
        ("GET", "/api/deadletters", "DeadLetters.Operate"),
        ("POST", "/api/deadletters/0000000000000000000-deadbeef/replay", "DeadLetters.Operate"),
        ("GET", "/api/dashboard/snapshot", "DeadLetters.Operate"),
        ("GET", "/api/events/stream", "DeadLetters.Operate"),
        ("GET", "/api/health", null),
    ];

    public static TheoryData<int, string> Cells()
    {
        var data = new TheoryData<int, string>();
        for (var route = 0; route < Routes.Length; route++)
        {
            foreach (var role in Roles)
                data.Add(route, role);
        }

        return data;
    }

    public static TheoryData<int> RouteIndexes()
    {
        var data = new TheoryData<int>();
        for (var route = 0; route < Routes.Length; route++)
            data.Add(route);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Route_CallerWithOneRole_AllowedOnlyWhereTheRoleGrantsIt(int routeIndex, string role)
    {
        var route = Routes[routeIndex];

        using var response = await SendAsync(route, TestPrincipals.WithRoles(role));

        if (route.Role is null || route.Role == role)
        {
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        }
        else
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("permission", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RouteIndexes))]
    public async Task Route_PrincipalWithoutRoles_IsForbiddenExceptHealth(int routeIndex)
    {
        var route = Routes[routeIndex];

        using var response = await SendAsync(route, TestPrincipals.WithRoles());

        if (route.Role is null)
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(RouteIndexes))]
    public async Task Route_NoPrincipal_Is401ExceptHealth(int routeIndex)
    {
        var route = Routes[routeIndex];

        using var response = await SendAsync(route, principal: null);

        if (route.Role is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData("not-base64!")]
    [InlineData("eyJhdXRoX3R5cCI6ImFhZCJ9")] // {"auth_typ":"aad"}: no claims
    [InlineData("W10=")] // []
    public async Task Route_MalformedPrincipal_Is401Not500(string principal)
    {
        foreach (var route in Routes.Where(r => r.Role is not null))
        {
            using var response = await SendAsync(route, principal);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Route_OversizedPrincipal_Is401()
    {
        var principal = TestPrincipals.WithRoles([.. Enumerable.Repeat("DeadLetters.Operate", 1000)]);
        Assert.True(principal.Length > 16384);

        using var response = await SendAsync(Routes[5], principal);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SubmitRole_CanSubmitButNotConfirmDeliveryManageDriversOrReplay()
    {
        var zone = TestIds.Zone();
        var orderId = TestIds.Order();
        var driverId = TestIds.Driver();
        using var operatorClient = factory.CreateClient().As(TestPrincipals.WithRoles("Drivers.Manage", "Orders.Read"));
        using var submitter = factory.CreateClient().As(TestPrincipals.WithRoles("Orders.Submit"));
        using var put = await operatorClient.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 1));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);

        using var submitted = await submitter.PostOrderAsync(Bodies.Order(orderId, zone));
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await operatorClient.WaitForStatusAsync(orderId, "Assigned");

        using var delivered = await submitter.PostAsync($"/api/orders/{orderId}/delivered", null);
        using var driver = await submitter.PutDriverAsync(driverId, Bodies.Driver(zone, capacity: 9));
        using var replay = await submitter.PostAsync("/api/deadletters/0000000000000000000-deadbeef/replay", null);

        await delivered.AssertProblemAsync(HttpStatusCode.Forbidden);
        await driver.AssertProblemAsync(HttpStatusCode.Forbidden);
        await replay.AssertProblemAsync(HttpStatusCode.Forbidden);
        // Refused means not run: the order is still Assigned and the driver keeps its capacity.
        Assert.Equal("Assigned", (await operatorClient.GetOrderAsync(orderId)).GetProperty("status").GetString());
        Assert.Equal(1, (await operatorClient.GetDriverAsync(zone, driverId)).GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task Submit_ForbiddenCaller_WritesNothing()
    {
        var orderId = TestIds.Order();
        using var reader = factory.CreateClient().As(TestPrincipals.WithRoles("Orders.Read"));

        using var submitted = await reader.PostOrderAsync(Bodies.Order(orderId, TestIds.Zone()));

        await submitted.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var lookup = await reader.GetAsync($"/api/orders/{orderId}");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync((string Method, string Url, string? Role) route, string? principal)
    {
        using var client = factory.CreateClient();
        var url = route.Url.Replace("{driver}", TestIds.Driver(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.Url == "/api/orders")
            request.Content = new StringContent(Bodies.Order(TestIds.Order(), TestIds.Zone()).ToJsonString(), Encoding.UTF8, "application/json");
        else if (route.Method == "PUT")
            request.Content = new StringContent(Bodies.Driver(TestIds.Zone()).ToJsonString(), Encoding.UTF8, "application/json");
        if (principal is not null)
            request.Headers.Add(TestPrincipals.Header, principal);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        // An open event stream never ends by itself; every other body is read now, while the client is alive.
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
