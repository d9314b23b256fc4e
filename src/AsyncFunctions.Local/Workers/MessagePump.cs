using AsyncFunctions.Core.Messaging.InMemory;

namespace AsyncFunctions.Local.Workers;

/// <summary>
/// Receive loops over the in-process broker, the local stand-in for a Service Bus trigger with
/// AutoCompleteMessages = false. Receiving stops the moment shutdown begins; a message already
/// received is processed to the end, and is abandoned (never dropped) only if shutdown runs out
/// of time. A failed settlement is logged and the loop goes on: the broker redelivers.
/// </summary>
internal abstract partial class MessagePump(int concurrency, ILogger logger) : BackgroundService
{
    // Receives wake on every send, so a long wait costs nothing; it only bounds a stopped loop's idle time.
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PauseAfterFault = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _outOfTime = new();

    protected abstract string Entity { get; }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host cancels this token when its shutdown timeout runs out: then in-flight work abandons.
        await using var registration = cancellationToken.Register(_outOfTime.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _outOfTime.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    protected abstract Task ProcessAsync(LockedMessage message, CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => PumpAsync(stoppingToken), CancellationToken.None)));

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            LockedMessage? message;
            try
            {
                message = await ReceiveAsync(ReceiveWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            if (message is not null)
                await ProcessSafelyAsync(message, stoppingToken);
        }
    }

    private async Task ProcessSafelyAsync(LockedMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(message, _outOfTime.Token);
        }
        catch (MessageLockLostException ex)
        {
            // The lock expired while processing; the broker has already made the message available again.
            LogLockLost(logger, ex, Entity, message.Message.MessageId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_outOfTime.IsCancellationRequested)
        {
            // Never let one message stop the loop; its lock expires and the broker redelivers it.
            LogFault(logger, ex, Entity, message.Message.MessageId);
            await PauseAsync(stoppingToken);
        }
    }

    private static async Task PauseAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(PauseAfterFault, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: no need to pause.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity}: lock lost while settling message {MessageId}; it will be redelivered")]
    private static partial void LogLockLost(ILogger logger, Exception exception, string entity, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Entity}: message {MessageId} failed outside the processor; it will be redelivered")]
    private static partial void LogFault(ILogger logger, Exception exception, string entity, string messageId);
}
