using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Persistence;

/// <summary>The order status entity: the single truth about an order, and the outbox for its message.</summary>
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

    public string ETag { get; init; } = "";

    public OrderStatusView ToView() => new(OrderId, Zone, Status, DriverId, Attempts, CreatedAt, UpdatedAt, LastError);

    public TableRow ToRow() => new(Zone, EntityKeys.OrderRow(OrderId), new Dictionary<string, object?>
    {
        ["OrderId"] = OrderId,
        ["Zone"] = Zone,
        ["Status"] = Status.ToString(),
        ["DriverId"] = DriverId,
        ["Attempts"] = Attempts,
        ["CreatedAt"] = CreatedAt,
        ["UpdatedAt"] = UpdatedAt,
        ["LastError"] = LastError,
        ["PayloadHash"] = PayloadHash,
        ["Payload"] = Payload,
        ["Source"] = Source,
        ["CorrelationId"] = CorrelationId,
        ["NextAttemptAt"] = NextAttemptAt,
        ["LeaseUntil"] = LeaseUntil,
        ["ClaimedBy"] = ClaimedBy,
        ["AwaitingSince"] = AwaitingSince,
    }, ETag);

    public static OrderRecord FromRow(TableRow row) => new()
    {
        OrderId = row.GetString("OrderId")!,
        Zone = row.GetString("Zone")!,
        Status = Enum.Parse<OrderStatus>(row.GetString("Status")!),
        DriverId = row.GetString("DriverId"),
        Attempts = row.GetInt("Attempts"),
        CreatedAt = row.GetTime("CreatedAt") ?? default,
        UpdatedAt = row.GetTime("UpdatedAt") ?? default,
        LastError = row.GetString("LastError"),
        PayloadHash = row.GetString("PayloadHash")!,
        Payload = row.GetString("Payload")!,
        Source = row.GetString("Source") ?? "http",
        CorrelationId = row.GetString("CorrelationId"),
        NextAttemptAt = row.GetTime("NextAttemptAt"),
        LeaseUntil = row.GetTime("LeaseUntil"),
        ClaimedBy = row.GetString("ClaimedBy"),
        AwaitingSince = row.GetTime("AwaitingSince"),
        ETag = row.ETag,
    };

    /// <summary>A copy in the new status, after checking the transition is legal.</summary>
    public OrderRecord MoveTo(OrderStatus status, DateTimeOffset now)
    {
        OrderLifecycle.EnsureCanMove(Status, status);
        return this with { Status = status, UpdatedAt = now };
    }
}
