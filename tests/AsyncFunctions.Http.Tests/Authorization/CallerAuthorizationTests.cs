using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Tests.Support;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>Every route × role cell of the check, and what a refusal looks like.</summary>
public sealed class CallerAuthorizationTests
{
    // Written out by hand, not derived from RoutePermissions/AppRoles: the one role that opens each route.
    private static readonly Dictionary<RoutePermission, string?> OnlyRoleAllowed = new()
    {
        [RoutePermissions.SubmitOrder] = "Orders.Submit",
        [RoutePermissions.GetOrder] = "Orders.Read",
        [RoutePermissions.GetOrderEvents] = "Orders.Read",
        [RoutePermissions.MarkDelivered] = "Deliveries.Confirm",
        [RoutePermissions.UpsertDriver] = "Drivers.Manage",
        [RoutePermissions.ListDrivers] = "Drivers.Manage",
        [RoutePermissions.ListDeadLetters] = "DeadLetters.Operate",
        [RoutePermissions.ReplayDeadLetter] = "DeadLetters.Operate",
        [RoutePermissions.Health] = null,
    };

    private static readonly string[] Roles = ["Orders.Submit", "Orders.Read", "Deliveries.Confirm", "Drivers.Manage", "DeadLetters.Operate", "orders.submit", "Dispatch.Admin"];

    public static TheoryData<int, string> Cells()
    {
        var data = new TheoryData<int, string>();
        for (var route = 0; route < RoutePermissions.All.Count; route++)
        {
            foreach (var role in Roles)
                data.Add(route, role);
        }

        return data;
    }

    [Fact]
    public void Matrix_CoversEveryRouteOfTheTable()
    {
        Assert.Equal(RoutePermissions.All.ToHashSet(), OnlyRoleAllowed.Keys.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Refuse_RouteAndSingleRole_AllowsOnlyTheRoleThatGrantsTheRoute(int routeIndex, string role)
    {
        var route = RoutePermissions.All[routeIndex];
        var context = Requests.For(route, Principals.Header(role));

        var refusal = CallerAuthorization.Refuse(context, route, Requests.RolesRequired());

        var allowed = OnlyRoleAllowed[route] is not { } only || only == role;
        if (allowed)
        {
            Assert.Null(refusal);
            return;
        }

        Assert.NotNull(refusal);
        var (status, contentType, _, problem) = await Requests.WriteAsync(refusal, context);
        Assert.Equal(403, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal(route.Template, problem.GetProperty("instance").GetString());
        Assert.Contains(route.Required!.Value.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuse_AllRolesTogether_AllowsEveryRoute()
    {
        foreach (var route in RoutePermissions.All)
            Assert.Null(CallerAuthorization.Refuse(Requests.For(route, Principals.Header(Roles[..5])), route, Requests.RolesRequired()));
    }

    [Fact]
    public async Task Refuse_NoPrincipal_Is401WithChallengeOnEveryProtectedRoute()
    {
        foreach (var route in RoutePermissions.All)
        {
            var context = Requests.For(route);
            var refusal = CallerAuthorization.Refuse(context, route, Requests.RolesRequired());
            if (route.IsAnonymous)
            {
                Assert.Null(refusal);
                continue;
            }

            Assert.NotNull(refusal);
            var (status, contentType, challenge, problem) = await Requests.WriteAsync(refusal, context);
            Assert.Equal(401, status);
            Assert.Equal("application/problem+json", contentType);
            Assert.Equal("Bearer", challenge);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("e30=")] // {}
    public async Task Refuse_MalformedPrincipal_Is401NotAnError(string header)
    {
        var context = Requests.For(RoutePermissions.ReplayDeadLetter, header);

        var refusal = CallerAuthorization.Refuse(context, RoutePermissions.ReplayDeadLetter, Requests.RolesRequired());

        Assert.Equal(401, (await Requests.WriteAsync(refusal!, context)).Status);
    }

    [Fact]
    public async Task Refuse_TwoPrincipalHeaders_Is401EvenIfOneGrantsTheRoute()
    {
        var context = Requests.For(RoutePermissions.ReplayDeadLetter, Principals.Header("DeadLetters.Operate"), Principals.Header("DeadLetters.Operate"));

        var refusal = CallerAuthorization.Refuse(context, RoutePermissions.ReplayDeadLetter, Requests.RolesRequired());

        Assert.Equal(401, (await Requests.WriteAsync(refusal!, context)).Status);
    }

    [Fact]
    public async Task Refuse_PrincipalOverTheConfiguredLength_Is401()
    {
        var header = Principals.Header("Orders.Read");
        var context = Requests.For(RoutePermissions.GetOrder, header);
        var options = Requests.RolesRequired();
        options.MaxPrincipalHeaderLength = header.Length - 1;

        var refusal = CallerAuthorization.Refuse(context, RoutePermissions.GetOrder, options);

        Assert.Equal(401, (await Requests.WriteAsync(refusal!, context)).Status);
    }

    [Fact]
    public async Task Refuse_HeaderNotTrusted_Is401EvenWithAGrantingPrincipal()
    {
        var context = Requests.For(RoutePermissions.SubmitOrder, Principals.Header("Orders.Submit"));

        var refusal = CallerAuthorization.Refuse(context, RoutePermissions.SubmitOrder, Requests.RolesRequired(trusted: false));

        Assert.Equal(401, (await Requests.WriteAsync(refusal!, context)).Status);
    }

    [Fact]
    public void Refuse_RolesNotRequired_AllowsEveryRouteWithoutPrincipal()
    {
        var open = new CallerAuthorizationOptions { RequireRoles = false };
        foreach (var route in RoutePermissions.All)
            Assert.Null(CallerAuthorization.Refuse(Requests.For(route), route, open));
    }

    [Fact]
    public async Task GuardAsync_Refused_NeverRunsTheHandler()
    {
        var ran = false;
        var context = Requests.For(RoutePermissions.MarkDelivered, Principals.Header("Orders.Submit"));

        var result = await CallerAuthorization.GuardAsync(context, RoutePermissions.MarkDelivered, Requests.RolesRequired(), () =>
        {
            ran = true;
            return Task.FromResult(Microsoft.AspNetCore.Http.Results.Ok());
        });

        Assert.False(ran);
        Assert.Equal(403, Assert.IsType<AsyncFunctions.Http.Results.ContractResult>(result).StatusCode);
    }

    [Fact]
    public async Task GuardAsync_Allowed_ReturnsTheHandlersResult()
    {
        var handlerResult = Microsoft.AspNetCore.Http.Results.Accepted();
        var context = Requests.For(RoutePermissions.MarkDelivered, Principals.Header("Deliveries.Confirm"));

        var result = await CallerAuthorization.GuardAsync(context, RoutePermissions.MarkDelivered, Requests.RolesRequired(), () => Task.FromResult(handlerResult));

        Assert.Same(handlerResult, result);
    }
}
