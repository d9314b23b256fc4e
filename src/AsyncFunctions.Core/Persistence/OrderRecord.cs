using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// The order status entity as stored: the single truth about an order, and the outbox for its message.
/// Row mapping only: every change of its lifecycle fields is a transition in <see cref="OrderLifecycle"/>.
/// </summary>
public sealed record OrderRecord
{
    public required string OrderId { get; init; }

    public required string Zone { get; init; }

    public OrderStatus Status { get; init; }

    public string? DriverId { get; init; }

    /// <summary>How many times no driver was free; also the generation of the newest retry message.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string? LastError { get; init; }

    public required string PayloadHash { get; init; }

    /// <summary>The canonical order JSON, so the sweeper and replays can re-publish without the original message.</summary>
    public required string Payload { get; init; }

    public string Source { get; init; } = "http";

    public string? CorrelationId { get; init; }

    /// <summary>By when a message for this order is due on the queue; the sweeper re-publishes well past it.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>While InProgress: until when the claim holds.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>While InProgress: the message (MessageId#SequenceNumber) that holds the claim.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>When the order first found no driver; bounds the total wait.</summary>
    public DateTimeOffset? AwaitingSince { get; init; }

    /// <summary>The due or lease index row stored with this version; <see cref="DispatchStore"/> keeps it, transitions never touch it.</summary>
    public string? ScheduleIndexKey { get; init; }

    /// <summary>The awaiting index row stored with this version; kept by <see cref="DispatchStore"/> like <see cref="ScheduleIndexKey"/>.</summary>
    public string? AwaitIndexKey { get; init; }

    /// <summary>The W3C context of the intake (or the partner delivery) that accepted the order; never customer data.</summary>
    public string? TraceParent { get; init; }

    /// <summary>How many events the order's history holds; the next event gets this plus one (see <see cref="OrderEventPlan"/>).</summary>
    public int EventSequence { get; init; }

    /// <summary>Events a transition raised and the next write stores with the order; never stored itself, empty once written.</summary>
    public IReadOnlyList<RaisedEvent> Raised { get; init; } = [];

    public string ETag { get; init; } = "";

    public OrderStatusView ToView() => new(OrderId, Zone, Status, DriverId, Attempts, CreatedAt, UpdatedAt, LastError);

    public TableRow ToRow() => new(Zone, EntityKeys.OrderRow(OrderId), new Dictionary<string, object?>
    {
        [OrderColumns.OrderId] = OrderId,
        [OrderColumns.Zone] = Zone,
        [OrderColumns.Status] = Status.ToString(),
        [OrderColumns.DriverId] = DriverId,
        [OrderColumns.Attempts] = Attempts,
        [OrderColumns.CreatedAt] = CreatedAt,
        [OrderColumns.UpdatedAt] = UpdatedAt,
        [OrderColumns.LastError] = LastError,
        [OrderColumns.PayloadHash] = PayloadHash,
        [OrderColumns.Payload] = Payload,
        [OrderColumns.Source] = Source,
        [OrderColumns.CorrelationId] = CorrelationId,
        [OrderColumns.NextAttemptAt] = NextAttemptAt,
        [OrderColumns.LeaseUntil] = LeaseUntil,
        [OrderColumns.ClaimedBy] = ClaimedBy,
        [OrderColumns.AwaitingSince] = AwaitingSince,
        [OrderColumns.ScheduleIndexKey] = ScheduleIndexKey,
        [OrderColumns.AwaitIndexKey] = AwaitIndexKey,
        [OrderColumns.TraceParent] = TraceParent,
        [OrderColumns.EventSequence] = EventSequence,
    }, ETag);

    public static OrderRecord FromRow(TableRow row) => new()
    {
        OrderId = row.GetString(OrderColumns.OrderId)!,
        Zone = row.GetString(OrderColumns.Zone)!,
        Status = Enum.Parse<OrderStatus>(row.GetString(OrderColumns.Status)!),
        DriverId = row.GetString(OrderColumns.DriverId),
        Attempts = row.GetInt(OrderColumns.Attempts),
        CreatedAt = row.GetTime(OrderColumns.CreatedAt) ?? default,
        UpdatedAt = row.GetTime(OrderColumns.UpdatedAt) ?? default,
        LastError = row.GetString(OrderColumns.LastError),
        PayloadHash = row.GetString(OrderColumns.PayloadHash)!,
        Payload = row.GetString(OrderColumns.Payload)!,
        Source = row.GetString(OrderColumns.Source) ?? "http",
        CorrelationId = row.GetString(OrderColumns.CorrelationId),
        NextAttemptAt = row.GetTime(OrderColumns.NextAttemptAt),
        LeaseUntil = row.GetTime(OrderColumns.LeaseUntil),
        ClaimedBy = row.GetString(OrderColumns.ClaimedBy),
        AwaitingSince = row.GetTime(OrderColumns.AwaitingSince),
        ScheduleIndexKey = row.GetString(OrderColumns.ScheduleIndexKey),
        AwaitIndexKey = row.GetString(OrderColumns.AwaitIndexKey),
        TraceParent = row.GetString(OrderColumns.TraceParent),
        EventSequence = row.GetInt(OrderColumns.EventSequence),
        ETag = row.ETag,
    };
}
