using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Local.Brokers;

namespace AsyncFunctions.Local.Workers;

/// <summary>
/// Receive loops over the local host's broker (<see cref="ILocalBroker"/>), the local stand-in for a Service Bus trigger with
/// AutoCompleteMessages = false. Receiving stops the moment shutdown begins; a message already
/// received is processed to the end, and is abandoned (never dropped) only if shutdown runs out
/// of time. A failed settlement is logged and the loop goes on: the broker redelivers. While a
/// dependency's breaker is open the loops stop receiving (<see cref="CircuitGate"/>).
/// </summary>
internal abstract partial class MessagePump(int concurrency, ILogger logger, IReadOnlyList<DependencyCircuit>? circuits = null) : BackgroundService
{
    // Receives wake on every send, so a long wait costs nothing; it only bounds a stopped loop's idle time.
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PauseAfterFault = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ProbeWait = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(5);

    // Deliberately never disposed: the host may dispose this service while a StopAsync that timed
    // out is still cancelling through it, and a CTS without timers or links holds nothing to release.
    private readonly CancellationTokenSource _outOfTime = new();

    protected abstract string Entity { get; }

    private CircuitGate Gate => field ??= new CircuitGate(circuits ?? [], Entity, logger);

    /// <summary>
    /// Stops receiving, then waits for every loop to settle the message it holds. If the host's
    /// shutdown timeout runs out first, in-flight work is cancelled and the processors abandon, so
    /// when this returns no message is left behind a lock.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        var drained = base.StopAsync(CancellationToken.None);
        try
        {
            await drained.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogOutOfTime(logger, Entity);
            await _outOfTime.CancelAsync();
            await drained.WaitAsync(AbandonGrace, CancellationToken.None);
        }
    }

    protected abstract Task<BrokerDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    protected abstract Task ProcessAsync(BrokerDelivery message, CancellationToken cancellationToken);

    /// <summary>Settling threw because the broker already took the message back; it redelivers it.</summary>
    protected abstract bool IsLockLost(Exception exception);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => PumpAsync(stoppingToken), CancellationToken.None)));

    private async Task PumpAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            BrokerDelivery? message;
            IReadOnlyList<DependencyCircuit> probes = [];
            try
            {
                probes = await Gate.WaitAsync(stoppingToken);
                // A probe takes one message at most; holding it through a long idle wait would keep every other loop paused.
                message = await ReceiveAsync(probes.Count > 0 ? ProbeWait : ReceiveWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                CircuitGate.Release(probes);
                break;
            }

            try
            {
                if (message is not null)
                    await ProcessSafelyAsync(message, stoppingToken);
            }
            finally
            {
                CircuitGate.Release(probes);
            }
        }
    }

    private async Task ProcessSafelyAsync(BrokerDelivery message, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(message, _outOfTime.Token);
        }
        catch (Exception ex) when (IsLockLost(ex))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity}: shutdown timeout reached; abandoning in-flight messages for redelivery")]
    private static partial void LogOutOfTime(ILogger logger, string entity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Entity}: lock lost while settling message {MessageId}; it will be redelivered")]
    private static partial void LogLockLost(ILogger logger, Exception exception, string entity, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Entity}: message {MessageId} failed outside the processor; it will be redelivered")]
    private static partial void LogFault(ILogger logger, Exception exception, string entity, string messageId);
}
