using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Sweeping;
using Microsoft.Azure.Functions.Worker;

namespace AsyncFunctions.Functions.Triggers;

/// <summary>
/// Re-publishes orders whose message is overdue and releases expired claims, on the SweepSchedule; then relays
/// order events a crash or a failed send left in the event outbox, and counts the orders awaiting a driver for the
/// gauges an alert watches.
/// </summary>
public sealed class SweepStaleOrders(OutboxRelay sweeper, OrderEventRelay events, AwaitingDriverCensus census)
{
    [Function(nameof(SweepStaleOrders))]
    public async Task RunAsync([TimerTrigger("%SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        // The sweep logs what it re-published; past-due runs need no special case, a sweep is idempotent.
        await sweeper.SweepAsync(cancellationToken);
        await events.SweepAsync(cancellationToken);
        await census.ObserveAsync(cancellationToken);
    }
}
