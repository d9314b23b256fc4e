using System.Collections.Concurrent;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Sweeping;
using AsyncFunctions.Testing.Faults;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>The moving parts of a running system: order consumers, the dead-letter consumer, the sweeper and couriers delivering.</summary>
public sealed class ChaosWorkers(ChaosSystem system, ChaosScenario scenario)
{
    private long _deliveries;

    public long Deliveries => Interlocked.Read(ref _deliveries);

    /// <summary>Order messages received, per order id (every copy and redelivery counts).</summary>
    public ConcurrentDictionary<string, int> ReceivedPerOrder { get; } = new(StringComparer.Ordinal);

    public Task[] Start(CancellationToken stop) =>
    [
        .. Enumerable.Range(0, scenario.Consumers).Select(_ => Task.Run(() => ConsumeOrdersAsync(stop), stop)),
        Task.Run(() => ConsumeDeadLettersAsync(stop), stop),
        Task.Run(() => SweepAsync(stop), stop),
        Task.Run(() => DeliverAsync(stop), stop),
    ];

    private async Task ConsumeOrdersAsync(CancellationToken stop)
    {
        var processor = system.Get<OrderMessageProcessor>();
        while (!stop.IsCancellationRequested)
        {
            if (system.Faults.BusDown)
            {
                // The bus is unreachable: nothing is delivered until it is back.
                await Pause(TimeSpan.FromMilliseconds(10), stop);
                continue;
            }

            var locked = await Receive(() => system.Broker.ReceiveAsync(TimeSpan.FromMilliseconds(50), stop));
            if (locked is null)
                continue;
            ReceivedPerOrder.AddOrUpdate(OrderIdOf(locked.Message.MessageId), 1, (_, count) => count + 1);
            if (system.Faults.Enabled && system.Faults.Dice.Roll(system.Faults.Plan.LockExpiryRate))
            {
                // A stalled consumer: by the time it works, its lock is gone and another consumer has the message.
                system.Faults.Counters.AddLockExpiry();
                await Task.Delay(scenario.LockDuration + TimeSpan.FromMilliseconds(20), CancellationToken.None);
            }

            await HandleAsync(locked, (message, settlement) => processor.ProcessAsync(message, settlement, CancellationToken.None));
        }
    }

    private async Task ConsumeDeadLettersAsync(CancellationToken stop)
    {
        var processor = system.Get<DeadLetterMessageProcessor>();
        while (!stop.IsCancellationRequested)
        {
            var locked = await Receive(() => system.Broker.ReceiveDeadLetterAsync(TimeSpan.FromMilliseconds(50), stop));
            if (locked is not null)
                await HandleAsync(locked, (message, settlement) => processor.ProcessAsync(message, settlement, CancellationToken.None));
        }
    }

    private async Task HandleAsync(ChaosDelivery locked, Func<InboundMessage, IMessageSettlement, Task> process)
    {
        using var scope = CrashScope.Begin();
        try
        {
            await process(locked.Message, new CrashAwareSettlement(locked.Settlement, scope, system.Faults));
        }
        catch (Exception ex) when (system.Broker.IsLockLost(ex))
        {
            system.Faults.Counters.AddLockLost();
        }

        if (scope.Crashed && !system.Broker.LocksExpire)
            await HandBackAsync(locked);
    }

    /// <summary>A crashed consumer's connection closes and the broker requeues what it held; without lock expiry that is the only way back.</summary>
    private async Task HandBackAsync(ChaosDelivery locked)
    {
        try
        {
            await locked.Settlement.AbandonAsync(CancellationToken.None);
        }
        catch (Exception ex) when (system.Broker.IsLockLost(ex))
        {
            // Settled before the crash, or the channel is gone already: the broker has it either way.
        }
    }

    private async Task SweepAsync(CancellationToken stop)
    {
        var sweeper = system.Get<OutboxRelay>();
        var events = system.Get<OrderEventRelay>();
        while (!stop.IsCancellationRequested)
        {
            await Pause(TimeSpan.FromMilliseconds(200), stop);
            using var scope = CrashScope.Begin();
            try
            {
                await sweeper.SweepAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed or crashed sweep is simply tried again on the next tick, as the timer trigger would.
            }

            // The event relay's sweep is its own run (its own timer in a host would be as good), so a crash of one is not the other's.
            using var eventScope = CrashScope.Begin();
            try
            {
                await events.SweepAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Tried again on the next tick.
            }
        }
    }

    private async Task DeliverAsync(CancellationToken stop)
    {
        var confirmation = system.Get<DeliveryConfirmation>();
        while (!stop.IsCancellationRequested)
        {
            await Pause(scenario.DeliveryInterval, stop);
            for (var i = 0; i < 8 && system.Ledger.ToDeliver.TryDequeue(out var orderId); i++)
            {
                using var scope = CrashScope.Begin();
                try
                {
                    var result = await confirmation.MarkDeliveredAsync(orderId, CancellationToken.None);
                    if (result.Succeeded)
                        Interlocked.Increment(ref _deliveries);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The courier's app retries later; an injected fault here must not break anything either.
                    system.Ledger.ToDeliver.Enqueue(orderId);
                }
            }
        }
    }

    // Every copy's MessageId starts with its order id: "id", "id:retry:2", "id:dup", "id~t1".
    private static string OrderIdOf(string messageId)
    {
        var end = messageId.IndexOfAny([':', '~']);
        return end < 0 ? messageId : messageId[..end];
    }

    private static async Task<ChaosDelivery?> Receive(Func<Task<ChaosDelivery?>> receive)
    {
        try
        {
            return await receive();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
