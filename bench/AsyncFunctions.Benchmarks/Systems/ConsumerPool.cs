using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>
/// Receive loops over the in-memory broker, as the local host runs them: receive (peek-lock), hand the
/// message to <see cref="OrderMessageProcessor"/>, which settles it. Counts receives, which the core's
/// meter does not see but Service Bus bills. On a session-enabled queue the loops receive through
/// <paramref name="holder"/>, the instance's session receiver.
/// </summary>
internal sealed class ConsumerPool(BenchSystem system, int consumers, Action<InboundMessage, MessageOutcome>? onOutcome = null, Func<LockedMessage, IMessageSettlement>? settlement = null, SessionHolder? holder = null) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task[] _loops = [];
    private long _receives;

    public long Receives => Interlocked.Read(ref _receives);

    public ConsumerPool Start()
    {
        var processor = system.Get<OrderMessageProcessor>();
        _loops = [.. Enumerable.Range(0, consumers).Select(_ => Task.Run(() => LoopAsync(processor, _stop.Token)))];
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    private async Task LoopAsync(OrderMessageProcessor processor, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            LockedMessage? locked;
            try
            {
                locked = holder is null
                    ? await system.Queue.ReceiveAsync(TimeSpan.FromSeconds(1), stop)
                    : await system.Queue.ReceiveAsync(TimeSpan.FromSeconds(1), holder, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (locked is null)
                continue;
            Interlocked.Increment(ref _receives);
            var outcome = await processor.ProcessAsync(locked.Message, settlement?.Invoke(locked) ?? locked, CancellationToken.None);
            onOutcome?.Invoke(locked.Message, outcome);
        }
    }
}
