using AsyncFunctions.Http.Authorization;
using AsyncFunctions.Local.Dashboard;
using AsyncFunctions.Local.Events;

namespace AsyncFunctions.Local.Security;

/// <summary>The local host's own routes beside the contract's <see cref="RoutePermissions"/> (docs/security.md lists both).</summary>
public static class LocalRoutePermissions
{
    // The snapshot shows dead letters with their reasons next to the order counts: an operator's view.
    public static readonly RoutePermission DashboardSnapshot = new(HttpMethods.Get, DashboardExtensions.SnapshotRoute, Permission.OperateDeadLetters);

    // Every order's events, partners' refusals with their reasons included: the same operator's view as the dashboard's live events.
    public static readonly RoutePermission EventStream = new(HttpMethods.Get, EventStreamExtensions.Route, Permission.OperateDeadLetters);

    public static IReadOnlyList<RoutePermission> All { get; } = [DashboardSnapshot, EventStream];
}
