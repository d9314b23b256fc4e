using AsyncFunctions.Core.Events;

namespace AsyncFunctions.Local.Workers;

/// <summary>
/// On a graceful stop, deletes the outbox markers of events this process already published but had not cleared yet
/// (the relay batches those deletes per partition for up to a second). Without it a stopped host leaves them to
/// the next sweep, which sends the events again for the topic to drop as duplicates: correct, but wasted work.
/// Registered before the consumers so that it stops after them (hosted services stop in reverse order), when no
/// more events can be published by this process.
/// </summary>
internal sealed partial class PublishedMarkerFlush(OrderEventRelay relay, ILogger<PublishedMarkerFlush> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await relay.ClearPublishedAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: the sweep clears what is left.
            LogFlushCut(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutdown timeout reached before the published outbox markers were cleared; the sweep clears them")]
    private static partial void LogFlushCut(ILogger logger);
}
