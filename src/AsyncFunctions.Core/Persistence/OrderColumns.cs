namespace AsyncFunctions.Core.Persistence;

/// <summary>
/// The property names of an order entity: the row mapping and every query use these, so a query can
/// never filter on a name the mapping does not write.
/// </summary>
public static class OrderColumns
{
    public const string OrderId = nameof(OrderId);
    public const string Zone = nameof(Zone);
    public const string Status = nameof(Status);
    public const string DriverId = nameof(DriverId);
    public const string Attempts = nameof(Attempts);
    public const string CreatedAt = nameof(CreatedAt);
    public const string UpdatedAt = nameof(UpdatedAt);
    public const string LastError = nameof(LastError);
    public const string PayloadHash = nameof(PayloadHash);
    public const string Payload = nameof(Payload);
    public const string Source = nameof(Source);
    public const string CorrelationId = nameof(CorrelationId);

    /// <summary>By when the order's next message is due; the outbox relay finds overdue orders by it.</summary>
    public const string NextAttemptAt = nameof(NextAttemptAt);

    /// <summary>Until when a claim holds; the outbox relay finds expired claims by it.</summary>
    public const string LeaseUntil = nameof(LeaseUntil);

    public const string ClaimedBy = nameof(ClaimedBy);
    public const string AwaitingSince = nameof(AwaitingSince);

    /// <summary>The RowKey of the due or lease index row written with this version of the order (see <see cref="PendingIndex"/>).</summary>
    public const string ScheduleIndexKey = nameof(ScheduleIndexKey);

    /// <summary>The RowKey of the awaiting index row written with this version of the order.</summary>
    public const string AwaitIndexKey = nameof(AwaitIndexKey);
    /// <summary>The W3C context of the work that accepted the order; retries, sweeps and replays continue its trace.</summary>
    public const string TraceParent = nameof(TraceParent);

    /// <summary>How many events the order's history holds (rows evt|{orderId}|000001 … in its partition).</summary>
    public const string EventSequence = nameof(EventSequence);
}
