using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Http.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace AsyncFunctions.Http.Tests.Authorization;

/// <summary>The route table against the routes MapDispatchApi really maps, so no route is forgotten.</summary>
public sealed class RoutePermissionsTests
{
    [Fact]
    public async Task MapDispatchApi_EveryApiEndpoint_CarriesItsRowOfTheTable()
    {
        await using var app = BuildApi();

        var endpoints = ApiEndpoints(app);

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var method = Assert.Single(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
            var row = endpoint.Metadata.GetMetadata<RoutePermission>();
            Assert.True(row is not null, $"{method} {endpoint.RoutePattern.RawText} has no row in RoutePermissions.");
            Assert.Equal(method, row.Method);
            Assert.Equal(endpoint.RoutePattern.RawText, row.Template);
        }

        // And the other way round: no row of the table is left without its endpoint.
        Assert.Equal(
            RoutePermissions.All.Select(r => $"{r.Method} {r.Template}").Order(StringComparer.Ordinal),
            endpoints.Select(e => $"{e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0]} {e.RoutePattern.RawText}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_RowsMatchTheDocumentedTable()
    {
        // The table of docs/security.md, written out: a change to who may do what must be made on purpose.
        string[] expected =
        [
            "POST /api/orders → SubmitOrders",
            "GET /api/orders/{orderId} → ReadOrderStatus",
            "GET /api/orders/{orderId}/events → ReadOrderStatus",
            "POST /api/orders/{orderId}/delivered → ConfirmDelivery",
            "PUT /api/drivers/{driverId} → ManageDrivers",
            "GET /api/drivers → ManageDrivers",
            "GET /api/deadletters → OperateDeadLetters",
            "POST /api/deadletters/{id}/replay → OperateDeadLetters",
            "GET /api/health → anonymous",
        ];

        Assert.Equal(expected, RoutePermissions.All.Select(r => r.ToString()));
    }

    [Fact]
    public void AppRoles_EachPermissionHasExactlyOneRole()
    {
        Assert.Equal(Enum.GetValues<Permission>().Order(), AppRoles.Grants.Values.Order());
        Assert.Equal(
            ["DeadLetters.Operate", "Deliveries.Confirm", "Drivers.Manage", "Orders.Read", "Orders.Submit"],
            AppRoles.Grants.Keys.Order(StringComparer.Ordinal));
    }

    private static WebApplication BuildApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // The handlers' services must be known for their endpoints to build; none of them is called here.
        builder.Services.AddDispatchCore();
        var app = builder.Build();
        app.MapDispatchApi();
        return app;
    }

    internal static List<RouteEndpoint> ApiEndpoints(IEndpointRouteBuilder app) =>
        [.. app.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(DispatchRoutes.Prefix + "/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)];
}
