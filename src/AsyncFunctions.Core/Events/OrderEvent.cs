using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// One stored event: a row of an order's history (or of a refusal), numbered within its stream. Carries no
/// customer data: ids, statuses, reasons and times only (never the order body, addresses or the customer id).
/// </summary>
public sealed record OrderEvent
{
    /// <summary>The order id, or <see cref="EventKeys.RefusalStream"/> for a refused message that has no order.</summary>
    public required string Stream { get; init; }

    /// <summary>1, 2, 3 … within the stream, without gaps: the order's ETag guards the number.</summary>
    public required int Sequence { get; init; }

    public required string Type { get; init; }

    /// <summary>The order id (for a refusal of an unreadable body, the message id).</summary>
    public required string Subject { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string Partner { get; init; }

    /// <summary>The event's data as a JSON object.</summary>
    public required string Data { get; init; }

    public string Id => EventKeys.EventId(Stream, Sequence);

    public TableRow ToRow(string partition) => new(partition, EventKeys.EventRow(Stream, Sequence), new Dictionary<string, object?>
    {
        [EventColumns.Stream] = Stream,
        [EventColumns.Sequence] = Sequence,
        [EventColumns.Type] = Type,
        [EventColumns.Subject] = Subject,
        [EventColumns.Time] = Time,
        [EventColumns.Partner] = Partner,
        [EventColumns.Data] = Data,
    });

    /// <summary>
    /// The pending marker of this event: a copy of it plus when it was written, so the sweep relays from the one range
    /// read that finds the markers, with no point read per event (a few hundred bytes more per pending event, no more operations).
    /// </summary>
    public TableRow ToMarker(string partition, DateTimeOffset createdAt)
    {
        var properties = new Dictionary<string, object?>(ToRow(partition).Properties) { [EventColumns.CreatedAt] = createdAt };
        return new(partition, EventKeys.MarkerRow(Stream, Sequence), properties);
    }

    public static OrderEvent FromRow(TableRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new()
        {
            Stream = row.GetString(EventColumns.Stream)!,
            Sequence = row.GetInt(EventColumns.Sequence),
            Type = row.GetString(EventColumns.Type)!,
            Subject = row.GetString(EventColumns.Subject)!,
            Time = row.GetTime(EventColumns.Time) ?? default,
            Partner = row.GetString(EventColumns.Partner) ?? "",
            Data = row.GetString(EventColumns.Data) ?? "{}",
        };
    }
}
