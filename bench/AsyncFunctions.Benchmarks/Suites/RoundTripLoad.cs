using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// Submit → Assigned under load, through the broker and 16 consumers, every table call, send and settlement delayed:
/// first the most this system sustains (a closed loop with many orders in flight), then an open loop at a fixed rate,
/// each order timed from the start of its submit to the end of its assignment's settlement.
/// </summary>
internal sealed class RoundTripLoad(BenchSystem system, TimeSpan roundTrip) : IAsyncDisposable
{
    private const int Consumers = 16;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private ConsumerPool? _pool;

    public RoundTripLoad Start()
    {
        _pool = new ConsumerPool(system, Consumers, OnOutcome, locked => new RoundTripDelaySettlement(locked, roundTrip)).Start();
        return this;
    }

    /// <summary>Orders assigned per second with <paramref name="inFlight"/> orders kept in flight for <paramref name="window"/>.</summary>
    public async Task<double> MaxRateAsync(int inFlight, TimeSpan window)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < window)
            {
                await OneOrderAsync();
                Interlocked.Increment(ref done);
            }
        })));
        return done / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Submit → Assigned latencies (ms) of <paramref name="orders"/> orders started at <paramref name="perSecond"/>, whatever is still in flight.</summary>
    public async Task<List<double>> AtRateAsync(double perSecond, int orders)
    {
        var latencies = new ConcurrentBag<double>();
        var started = new List<Task>(orders);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < orders; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            started.Add(Task.Run(async () => latencies.Add(await OneOrderAsync())));
        }

        await Task.WhenAll(started);
        return [.. latencies];
    }

    public async ValueTask DisposeAsync()
    {
        if (_pool is not null)
            await _pool.DisposeAsync();
    }

    private async Task<double> OneOrderAsync()
    {
        var (id, body) = OrderBodies.Next(1);
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = assigned;
        var begin = Stopwatch.GetTimestamp();
        await system.Get<OrderIntake>().SubmitAsync(body, null, "bench", null, CancellationToken.None);
        await assigned.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
    }

    private void OnOutcome(InboundMessage message, MessageOutcome outcome)
    {
        var orderId = message.ApplicationProperties.TryGetValue(MessageProperties.OrderId, out var value) && value is string id ? id : message.MessageId;
        if (outcome is MessageOutcome.Complete && _waiting.TryRemove(orderId, out var assigned))
            assigned.TrySetResult();
    }
}
