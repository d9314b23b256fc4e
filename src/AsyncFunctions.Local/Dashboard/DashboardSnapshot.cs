using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>The body of GET /api/dashboard/snapshot: everything the dashboard draws, every list bounded.</summary>
public sealed record DashboardSnapshot(
    DateTimeOffset GeneratedAt,
    int TotalOrders,
    IReadOnlyList<StatusCount> Counts,
    IReadOnlyList<OrderStatusView> RecentOrders,
    IReadOnlyList<ZoneLoad> Zones,
    int MoreZones,
    BrokerView Broker,
    int DeadLetterTotal,
    IReadOnlyList<DeadLetterSummary> DeadLetters,
    AssignmentRate Assignments,
    AssignmentLatency TimeToAssigned,
    double ScanMilliseconds,
    IReadOnlyList<CircuitSnapshot> Circuits);
