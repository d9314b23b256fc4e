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
            var waiting = await store.ListOrdersAsync(zone, OrderStatus.AwaitingDriver, cancellationToken);
            var oldest = waiting
                .OrderBy(o => o.AwaitingSince ?? o.CreatedAt)
                .ThenBy(o => o.OrderId, StringComparer.Ordinal)
                .Take(Math.Min(freedSlots, options.Value.MaxWakeups))
                .ToList();
            // Same attempt generation as the pending retry, so either copy may assign and the other finds it done;
            // the MessageId is per generation, so repeated wake-ups collapse into one message.
            foreach (var order in oldest)
                await publisher.SendAsync(OrderMessages.FollowUp(order, OrderMessages.Wake, order.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), dueAt: null), cancellationToken);
            return oldest.Count;
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
