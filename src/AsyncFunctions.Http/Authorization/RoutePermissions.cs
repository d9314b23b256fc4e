using AsyncFunctions.Http.Routing;
using Microsoft.AspNetCore.Http;

namespace AsyncFunctions.Http.Authorization;

/// <summary>
/// The one table of who may call what (docs/security.md shows the same rows). Every host maps a route
/// together with its row, and a test walks the mapped endpoints so no route goes without one.
/// </summary>
public static class RoutePermissions
{
    public static readonly RoutePermission SubmitOrder = new(HttpMethods.Post, DispatchRoutes.Orders, Permission.SubmitOrders);
    public static readonly RoutePermission GetOrder = new(HttpMethods.Get, DispatchRoutes.Order, Permission.ReadOrderStatus);
    // The history says no more than the status does, so it needs the same permission.
    public static readonly RoutePermission GetOrderEvents = new(HttpMethods.Get, DispatchRoutes.OrderEvents, Permission.ReadOrderStatus);
    public static readonly RoutePermission MarkDelivered = new(HttpMethods.Post, DispatchRoutes.OrderDelivered, Permission.ConfirmDelivery);
    public static readonly RoutePermission UpsertDriver = new(HttpMethods.Put, DispatchRoutes.Driver, Permission.ManageDrivers);

    // Driver locations and availability are operational data, not something an ordering client needs.
    public static readonly RoutePermission ListDrivers = new(HttpMethods.Get, DispatchRoutes.Drivers, Permission.ManageDrivers);
    public static readonly RoutePermission ListDeadLetters = new(HttpMethods.Get, DispatchRoutes.DeadLetters, Permission.OperateDeadLetters);
    public static readonly RoutePermission ReplayDeadLetter = new(HttpMethods.Post, DispatchRoutes.DeadLetterReplay, Permission.OperateDeadLetters);

    // The platform probes it without credentials; it touches no data.
    public static readonly RoutePermission Health = new(HttpMethods.Get, DispatchRoutes.Health, null);

    /// <summary>Every route of the shared contract, in the order of ARCHITECTURE.md.</summary>
    public static IReadOnlyList<RoutePermission> All { get; } =
        [SubmitOrder, GetOrder, GetOrderEvents, MarkDelivered, UpsertDriver, ListDrivers, ListDeadLetters, ReplayDeadLetter, Health];
}
