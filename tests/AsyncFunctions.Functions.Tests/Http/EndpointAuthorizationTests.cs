using System.Text.Json;
using AsyncFunctions.Functions.Tests.Metadata;
using AsyncFunctions.Functions.Tests.Support;
using AsyncFunctions.Http.Authorization;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// Issue 16's "Done when" in the Functions app itself: every HTTP function × caller cell, called as the
/// host calls it, on the app's own role-check registration, with synthetic EasyAuth principals.
/// </summary>
public sealed class EndpointAuthorizationTests
{
    private const string NoRoles = "(no roles)";
    private const string AllRoles = "(all roles)";

    public static TheoryData<string> Functions() => HttpFunctions.Names();

    public static TheoryData<string, string> RoleCells()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in HttpFunctions.All)
        {
            foreach (var role in Callers.SingleRoles.Concat(Callers.UselessRoles).Append(NoRoles).Append(AllRoles))
                data.Add(function.Name, role);
        }

        return data;
    }

    public static TheoryData<string, string> MalformedCells()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in HttpFunctions.All)
        {
            foreach (var kind in Callers.Malformed.Keys)
                data.Add(function.Name, kind);
        }

        return data;
    }

    [Fact]
    public void HttpFunctions_FoundByReflection_AreTheAppsHttpTriggers()
    {
        var expected = ExpectedFunctions.Triggers.Where(t => t.Value["type"] == "httpTrigger").Select(t => t.Key).Order(StringComparer.Ordinal);

        Assert.Equal(expected, HttpFunctions.All.Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void HttpFunction_Each_HasARowOfTheRouteTableAndAScenario(string name)
    {
        var function = HttpFunctions.Named(name);

        Assert.True(function.Row is not null, $"{name} ({function.HttpMethod} {function.Route}) has no row in RoutePermissions.All.");
        Assert.True(HttpFunctionScenarios.ByFunction.ContainsKey(name), $"{name} has no scenario in HttpFunctionScenarios.");
    }

    [Fact]
    public void RouteTable_EveryRow_IsServedByExactlyOneFunction()
    {
        foreach (var row in RoutePermissions.All)
            Assert.Single(HttpFunctions.All, f => f.Row == row);
    }

    [Theory]
    [MemberData(nameof(RoleCells))]
    public async Task Function_CallerWithRoles_OnlyTheRoleThatGrantsItGetsThrough(string name, string role)
    {
        var (function, scenario) = Resolve(name);
        string[] roles = role switch { NoRoles => [], AllRoles => Callers.SingleRoles, _ => [role] };
        var allowed = scenario.OnlyRole is null || roles.Contains(scenario.OnlyRole, StringComparer.Ordinal);

        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: true);
        var response = await FunctionCall.InvokeAsync(services, function, scenario, Callers.Principal(roles));

        if (allowed)
        {
            Assert.Equal(scenario.HandledStatus, response.Status);
            await AssertWrittenAsync(scenario, services, expected: true);
        }
        else
        {
            AssertProblem(response, 403, function);
            Assert.Contains(function.Row!.Required!.Value.ToString(), response.Body!.Value.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await AssertWrittenAsync(scenario, services, expected: false);
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Function_NoPrincipalHeader_Is401UnlessAnonymous(string name)
    {
        var (function, scenario) = Resolve(name);

        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: true);
        var response = await FunctionCall.InvokeAsync(services, function, scenario);

        AssertUnauthenticatedUnlessAnonymous(response, function, scenario);
        await AssertWrittenAsync(scenario, services, expected: scenario.OnlyRole is null);
    }

    [Theory]
    [MemberData(nameof(MalformedCells))]
    public async Task Function_MalformedPrincipalHeader_Is401NeverA500(string name, string kind)
    {
        var (function, scenario) = Resolve(name);

        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: true);
        var response = await FunctionCall.InvokeAsync(services, function, scenario, Callers.Malformed[kind]);

        AssertUnauthenticatedUnlessAnonymous(response, function, scenario);
        await AssertWrittenAsync(scenario, services, expected: scenario.OnlyRole is null);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Function_EasyAuthNotEnabled_HeaderWithEveryRoleIs401(string name)
    {
        var (function, scenario) = Resolve(name);

        // Without App Service authentication anyone can write the header, so even every role is no principal.
        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: false);
        var response = await FunctionCall.InvokeAsync(services, function, scenario, Callers.Principal(Callers.SingleRoles));

        AssertUnauthenticatedUnlessAnonymous(response, function, scenario);
        await AssertWrittenAsync(scenario, services, expected: scenario.OnlyRole is null);
    }

    [Theory]
    [InlineData("MarkOrderDelivered")]
    [InlineData("PutDriver")]
    [InlineData("ListDrivers")]
    [InlineData("ListDeadLetters")]
    [InlineData("ReplayDeadLetter")]
    public async Task Function_SubmitRoleOnly_CannotConfirmDeliveryManageDriversOrOperateDeadLetters(string name)
    {
        var (function, scenario) = Resolve(name);

        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: true);
        var response = await FunctionCall.InvokeAsync(services, function, scenario, Callers.Principal("Orders.Submit"));

        AssertProblem(response, 403, function);
        await AssertWrittenAsync(scenario, services, expected: false);
    }

    [Fact]
    public async Task SubmitOrder_SubmitRoleOnly_IsAccepted()
    {
        var (function, scenario) = Resolve("SubmitOrder");

        await using var services = await ArrangeAsync(scenario, easyAuthEnabled: true);
        var response = await FunctionCall.InvokeAsync(services, function, scenario, Callers.Principal("Orders.Submit"));

        Assert.Equal(202, response.Status);
        Assert.Equal(HttpFunctionScenarios.OrderId, response.Body!.Value.GetProperty("orderId").GetString());
    }

    private static (HttpFunction Function, HttpFunctionScenario Scenario) Resolve(string name) =>
        (HttpFunctions.Named(name), HttpFunctionScenarios.ByFunction[name]);

    private static async Task<Microsoft.Extensions.DependencyInjection.ServiceProvider> ArrangeAsync(HttpFunctionScenario scenario, bool easyAuthEnabled)
    {
        var services = CoreHost.ForHttp(easyAuthEnabled);
        if (scenario.Arrange is { } arrange)
            await arrange(services);
        return services;
    }

    private static void AssertUnauthenticatedUnlessAnonymous(FunctionResponse response, HttpFunction function, HttpFunctionScenario scenario)
    {
        if (scenario.OnlyRole is null)
        {
            Assert.Equal(scenario.HandledStatus, response.Status);
            return;
        }

        AssertProblem(response, 401, function);
        Assert.Equal(AuthorizationProblems.Challenge, response.Challenge);
    }

    private static void AssertProblem(FunctionResponse response, int status, HttpFunction function)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var problem = Assert.NotNull(response.Body);
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("/api/" + function.Route.Split('/')[0], problem.GetProperty("instance").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertWrittenAsync(HttpFunctionScenario scenario, IServiceProvider services, bool expected)
    {
        if (scenario.Written is { } written)
            Assert.Equal(expected, await written(services));
    }
}
