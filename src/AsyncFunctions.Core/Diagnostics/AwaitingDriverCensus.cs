using System.Globalization;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// Counts the orders awaiting a driver in every zone for <see cref="AwaitingDriverGauges"/>, from the pending
/// index the waker reads (<see cref="PendingIndex.AwaitPrefix"/>, oldest wait first): one RowKey range per zone
/// that reads only the waiting orders' index rows, never an order or a zone's history. Run after each sweep.
/// </summary>
public sealed class AwaitingDriverCensus(DispatchStore store, AwaitingDriverGauges gauges, DependencyCircuits? circuits = null)
{
    /// <summary>A zone with more waiting orders than this reports this many: the read stays bounded, the alert still fires.</summary>
    public const int MaxCounted = 1000;

    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        // While storage is down the reads would only fail; the gauges age out instead of lying.
        if (circuits is not null && circuits.Storage.IsBlocking)
            return;
        foreach (var zone in await store.ListZonesAsync(cancellationToken))
        {
            var waiting = await store.ListPendingAsync(zone, PendingIndex.AwaitPrefix, before: null, MaxCounted, cancellationToken);
            gauges.Observe(zone, waiting.Count, waiting.Count > 0 ? WaitingSince(waiting[0].RowKey) : null);
        }
    }

    // The await| key is "await|<UTC ticks, 19 digits>|<orderId>" (PendingIndex.AwaitKey): the wait's start, without reading the order.
    private static DateTimeOffset? WaitingSince(string rowKey)
    {
        var ticks = rowKey.AsSpan(PendingIndex.AwaitPrefix.Length);
        var end = ticks.IndexOf('|');
        return end > 0 && long.TryParse(ticks[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var utcTicks)
            ? new DateTimeOffset(utcTicks, TimeSpan.Zero)
            : null;
    }
}
