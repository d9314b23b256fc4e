using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Sweeping;
using AsyncFunctions.Local.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Workers;

/// <summary>The SweepStaleOrders timer of the local host: one sweep of orders, then of the event outbox, then the awaiting-driver census, every Local:SweepInterval.</summary>
internal sealed partial class StaleOrderSweepLoop(OutboxRelay sweeper, OrderEventRelay events, AwaitingDriverCensus census, IOptions<LocalHostOptions> options, TimeProvider time, ILogger<StaleOrderSweepLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await SweepOnceAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sweeper.SweepAsync(stoppingToken);
            await events.SweepAsync(stoppingToken);
            await census.ObserveAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed sweep is retried on the next tick; the orders it missed are still there.
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep failed; trying again on the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
