using System.Text;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Tests.Http;

/// <summary>
/// A request per HTTP function, written by hand rather than derived from RoutePermissions or AppRoles:
/// the role that opens it and what its handler must answer when the caller may call it.
/// A function without a scenario here fails <c>EveryHttpFunction_HasAScenario</c>.
/// </summary>
internal static class HttpFunctionScenarios
{
    public const string OrderId = "order-fn-1";
    public const string DriverId = "driver-fn-1";

    public static IReadOnlyDictionary<string, HttpFunctionScenario> ByFunction { get; } = new HttpFunctionScenario[]
    {
        new("SubmitOrder", "Orders.Submit", 202, JsonBody: Messages.OrderJson(OrderId), Written: OrderExistsAsync),
        new("GetOrder", "Orders.Read", 200, Route("orderId", OrderId), Arrange: SubmitOrderAsync),
        new("GetOrderEvents", "Orders.Read", 200, Route("orderId", OrderId), Arrange: SubmitOrderAsync),
        // Not Assigned yet: 409 is the handler's own answer, so the check let the call through.
        new("MarkOrderDelivered", "Deliveries.Confirm", 409, Route("orderId", OrderId), Arrange: SubmitOrderAsync),
        new("PutDriver", "Drivers.Manage", 201, Route("driverId", DriverId), JsonBody: Encoding.UTF8.GetString(Messages.DriverJson()), Written: DriverExistsAsync),
        new("ListDrivers", "Drivers.Manage", 200, Query: "?zone=" + Messages.Zone),
        new("ListDeadLetters", "DeadLetters.Operate", 200),
        new("ReplayDeadLetter", "DeadLetters.Operate", 404, Route("id", "no-such-letter")),
        new("Health", null, 200),
    }.ToDictionary(s => s.Function, StringComparer.Ordinal);

    private static Dictionary<string, string> Route(string name, string value) => new(StringComparer.Ordinal) { [name] = value };

    private static async Task SubmitOrderAsync(IServiceProvider services)
    {
        var result = await services.GetRequiredService<OrderIntake>()
            .SubmitAsync(Encoding.UTF8.GetBytes(Messages.OrderJson(OrderId)), null, "test", null, CancellationToken.None);
        Assert.Equal(ResultKind.Accepted, result.Kind);
    }

    private static async Task<bool> OrderExistsAsync(IServiceProvider services) =>
        (await services.GetRequiredService<OrderQueries>().GetAsync(OrderId, CancellationToken.None)).Kind == ResultKind.Ok;

    private static async Task<bool> DriverExistsAsync(IServiceProvider services) =>
        (await services.GetRequiredService<DriverRegistry>().ListAsync(Messages.Zone, CancellationToken.None)).Any(d => d.DriverId == DriverId);
}
