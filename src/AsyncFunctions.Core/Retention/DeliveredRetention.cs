using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Persistence;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Retention;

/// <summary>
/// Deletes Delivered orders older than <see cref="DispatchOptions.DeliveredRetention"/>, with their directory
/// entries, run by the sweep. It finds them by the done index rows (written in the same transaction as the
/// Deliver transition), one RowKey range per zone: it reads one index row per order it deletes (and the zone
/// list), never an order, a filter or another partition, so its cost follows what expires, not the history.
/// </summary>
public sealed class DeliveredRetention(DispatchStore store, IOptions<DispatchOptions> options, TimeProvider time)
{
    /// <summary>Deletes up to <paramref name="budget"/> expired Delivered orders; the number deleted (0 when retention is off).</summary>
    public async Task<int> PurgeAsync(int budget, CancellationToken cancellationToken)
    {
        if (options.Value.DeliveredRetention is not { } retention || budget <= 0)
            return 0;
        var deliveredBefore = time.GetUtcNow() - retention;
        var purged = 0;
        foreach (var zone in await store.ListZonesAsync(cancellationToken))
        {
            foreach (var done in await store.ListPendingAsync(zone, PendingIndex.DonePrefix, deliveredBefore, budget - purged, cancellationToken))
            {
                await store.PurgeDeliveredAsync(done, cancellationToken);
                purged++;
            }

            if (purged >= budget)
                break;
        }

        return purged;
    }
}
