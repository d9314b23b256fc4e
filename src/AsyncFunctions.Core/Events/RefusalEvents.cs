using System.Text.Json.Nodes;
using AsyncFunctions.Core.DeadLetters;

namespace AsyncFunctions.Core.Events;

/// <summary>
/// OrderRefused for a partner message that brought no order of its own: unreadable, invalid, too large, a payload
/// conflict with another order of the same id, or dead-lettered before it was ever accepted. It lives in
/// <see cref="EventKeys.RefusalPartition"/>, one stream per dead-letter record, and reaches only the subscription of
/// the partner that sent the message (its <c>source</c>). HTTP callers are refused in the response instead (4xx).
/// </summary>
public static class RefusalEvents
{
    public static OrderEvent Of(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var data = new JsonObject
        {
            ["orderId"] = record.OrderId,
            ["source"] = record.Source,
            ["messageId"] = record.MessageId,
            ["reason"] = record.Reason,
            ["description"] = record.Description,
            ["deadLetterId"] = record.Id,
        };
        return new OrderEvent
        {
            Stream = EventKeys.RefusalStream(record.Id),
            Sequence = 1,
            Type = OrderEventTypes.OrderRefused,
            Subject = record.OrderId ?? record.MessageId,
            Time = record.DeadLetteredAt,
            Partner = record.Source ?? "",
            Data = data.ToJsonString(),
        };
    }
}
