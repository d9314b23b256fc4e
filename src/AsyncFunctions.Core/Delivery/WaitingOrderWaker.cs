using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Delivery;

/// <summary>
/// When capacity frees up in a zone, orders AwaitingDriver there are retried now, oldest first,
/// instead of when their backoff runs out. Best effort: the scheduled retries still stand behind it.
/// </summary>
public sealed partial class WaitingOrderWaker(
    DispatchStore store,
    IMessagePublisher publisher,
    IOptions<DispatchOptions> options,
    ILogger<WaitingOrderWaker> logger)
{
    public async Task<int> WakeAsync(string zone, int freedSlots, CancellationToken cancellationToken)
    {
        if (freedSlots <= 0)
            return 0;
        try
        {
            // The awaiting index is sorted by the start of the wait, then the order id: the first rows are the oldest.
            var oldest = await store.ListPendingAsync(zone, PendingIndex.AwaitPrefix, before: null, Math.Min(freedSlots, options.Value.MaxWakeups), cancellationToken);
            var woken = 0;
            foreach (var entry in oldest)
            {
                var order = await store.GetOrderAsync(zone, entry.OrderId, cancellationToken);
                if (order is not { Status: OrderStatus.AwaitingDriver })
                    continue; // moved on between the two reads
                // Same attempt generation as the pending retry, so either copy may assign and the other finds it done;
                // the MessageId is per generation, so repeated wake-ups collapse into one message.
                await publisher.SendAsync(OrderMessages.FollowUp(order, OrderMessages.Wake, order.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), dueAt: null), cancellationToken);
                woken++;
            }

            return woken;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogWakeFailed(logger, ex, zone);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake waiting orders in zone {Zone}; their scheduled retries still stand")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception, string zone);
}
