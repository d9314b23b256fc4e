using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Local.Dashboard;

/// <summary>The body of GET /api/dashboard/snapshot: everything the dashboard draws, every list bounded. Events are the newest order events from
/// the dashboard subscription of the events topic, newest first; EventsReceived counts every one it delivered since the host started.</summary>
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
    IReadOnlyList<CircuitSnapshot> Circuits,
    IReadOnlyList<LiveEvent> Events,
    long EventsReceived);
