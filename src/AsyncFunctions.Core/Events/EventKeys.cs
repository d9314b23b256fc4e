using System.Globalization;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// Where events live in the dispatch table. An order's events sit in its zone's partition next to the order, so
/// the order change and its event are one entity-group transaction: <c>evt|{orderId}|{sequence:D6}</c> is the
/// history (kept), <c>outbox|{orderId}|{sequence:D6}</c> the pending marker the relay deletes once the event is
/// published. The sweep finds what a crash left by one RowKey range per partition, reading only pending markers.
/// </summary>
public static class EventKeys
{
    public const string EventPrefix = "evt|";
    public const string MarkerPrefix = "outbox|";

    /// <summary>
    /// Refusals of partner messages that carry no valid order have no order (and perhaps no zone) to live with: they
    /// get this partition, one stream per dead-letter record. '~' is not a zone character, so it is no zone's partition.
    /// </summary>
    public const string RefusalPartition = "~refusals";

    /// <summary>The stream of a refusal: its dead-letter record's id, which is deterministic per DLQ message.</summary>
    public static string RefusalStream(string deadLetterId) => "refusal:" + deadLetterId;

    public static string EventRow(string stream, int sequence) => EventPrefix + stream + "|" + Number(sequence);

    public static string MarkerRow(string stream, int sequence) => MarkerPrefix + stream + "|" + Number(sequence);

    /// <summary>The first RowKey of a stream's history; with <see cref="Storage.TableQuery.PrefixEnd"/> it bounds a range read.</summary>
    public static string StreamPrefix(string stream) => EventPrefix + stream + "|";

    /// <summary>The event id, also the MessageId on the topic: stable, so the topic's duplicate detection drops a re-send.</summary>
    public static string EventId(string stream, int sequence) => stream + "/" + Number(sequence);

    /// <summary>Whether a dispatch-table RowKey is an event or a marker (not an order, a driver or an index row).</summary>
    public static bool IsEventRow(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return rowKey.StartsWith(EventPrefix, StringComparison.Ordinal) || rowKey.StartsWith(MarkerPrefix, StringComparison.Ordinal);
    }

    // Fixed width, so the ordinal order of the keys (and of the CloudEvents sequence strings) is the numeric order.
    public static string Number(int sequence) => sequence.ToString("D6", CultureInfo.InvariantCulture);
}
