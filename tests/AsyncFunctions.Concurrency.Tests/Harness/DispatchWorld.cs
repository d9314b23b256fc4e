using System.Collections.Concurrent;
using System.Globalization;
using AsyncFunctions.Concurrency.Tests.Broken;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Coyote.Specifications;
using Microsoft.Extensions.Configuration;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// One scenario's system, built fresh for every Coyote iteration: the real in-memory store and broker,
/// shared by <see cref="WorldOptions.Instances"/> host instances, on a <see cref="ManualClock"/>, with a
/// scheduling point before every storage call and send and the <see cref="InvariantMonitor"/> under it all.
/// </summary>
public sealed class DispatchWorld : IDisposable
{
    /// <summary>Queue lock; the lease is below it, as infra/ sets them (60 s and 30 s), scaled down.</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(3);

    private const int DrainRounds = 60;
    private readonly List<DispatchInstance> _instances = [];

    public DispatchWorld(WorldOptions options)
    {
        Options = options;
        var raw = new InMemoryTableStore(Clock);
        Monitor = new InvariantMonitor(raw);
        ITableStore store = options.Broken == BrokenVariant.StoreIgnoresIfMatch ? new IgnoreIfMatchTableStore(Monitor) : Monitor;
        Queue = new InMemoryQueue("orders", new BrokerQueueOptions { LockDuration = LockDuration, MaxDeliveryCount = options.MaxDeliveryCount }, Clock);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Dispatch:DriverRetryInitial"] = "00:00:01",
            ["Dispatch:DriverRetryMax"] = "00:00:02",
            ["Dispatch:MaxAwaitingDriver"] = "00:00:04",
            ["Dispatch:StaleAfter"] = StaleAfter.ToString("c", CultureInfo.InvariantCulture),
            // No in-process retries: the outage policy then runs without a Polly pipeline, whose tasks Coyote cannot control.
            ["Resilience:InProcessRetries"] = "0",
            // An abandon hands the message back at once: the abandon hold is a Task.Delay Coyote cannot control either.
            ["Resilience:AbandonDelay"] = "00:00:00",
            ["Dispatch:ClaimBeforeAssign"] = options.ClaimBeforeAssign.ToString(CultureInfo.InvariantCulture),
        }).Build();
        for (var i = 0; i < options.Instances; i++)
            _instances.Add(new DispatchInstance(configuration, Clock, new InterleavingTableStore(store), new InterleavingPublisher(Queue), options.Broken));
    }

    public WorldOptions Options { get; }

    public ManualClock Clock { get; } = new();

    public InMemoryQueue Queue { get; }

    public InvariantMonitor Monitor { get; }

    /// <summary>Every order message processed, with what the core decided.</summary>
    public ConcurrentQueue<(InboundMessage Message, MessageOutcome Outcome)> Outcomes { get; } = new();

    public DispatchInstance Instance(int index) => _instances[index];

    /// <summary>Moves the clock, as a task of its own so Coyote places it anywhere among the others.</summary>
    public Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return Task.CompletedTask;
    }

    public async Task<DispatchResult<DriverView>> PutDriverAsync(int instance, string driverId, string zone = Bodies.Zone, int capacity = 1, bool available = true) =>
        await Instance(instance).Drivers.UpsertAsync(driverId, Bodies.Driver(zone, capacity, available), CancellationToken.None);

    public async Task<DispatchResult<OrderStatusView>> SubmitAsync(int instance, string orderId, int quantity = 1) =>
        await Instance(instance).Intake.SubmitAsync(Bodies.Order(orderId, quantity: quantity), idempotencyKey: null, "http", correlationId: null, CancellationToken.None);

    /// <summary>A partner's message: MessageId = orderId unless told otherwise, source = partner.</summary>
    public Task SendPartnerAsync(string orderId, int quantity = 1, string? messageId = null) =>
        Queue.SendAsync(new OutboundMessage(messageId ?? orderId, Bodies.Order(orderId, quantity: quantity))
        {
            ApplicationProperties = new Dictionary<string, object> { [MessageProperties.Source] = "partner-x" },
        });

    /// <summary>A consumer: receives and processes up to <paramref name="max"/> messages, stopping when none is available now.</summary>
    public async Task<int> ConsumeAsync(int instance, int max = int.MaxValue)
    {
        var processed = 0;
        while (processed < max && await Queue.ReceiveAsync(TimeSpan.Zero) is { } locked)
        {
            processed++;
            try
            {
                var outcome = await Instance(instance).Processor.ProcessAsync(locked.Message, locked, CancellationToken.None);
                Outcomes.Enqueue((locked.Message, outcome));
            }
            catch (MessageLockLostException)
            {
                // The lock expired mid-flight: the broker already made the message available again (as the local host's pump does).
            }
        }

        return processed;
    }

    /// <summary>The dead-letter recorder: records up to <paramref name="max"/> dead-lettered messages.</summary>
    public async Task<int> RecordDeadLettersAsync(int instance, int max = int.MaxValue)
    {
        var recorded = 0;
        while (recorded < max && await Queue.ReceiveDeadLetterAsync(TimeSpan.Zero) is { } locked)
        {
            recorded++;
            try
            {
                await Instance(instance).DeadLetterProcessor.ProcessAsync(locked.Message, locked, CancellationToken.None);
            }
            catch (MessageLockLostException)
            {
                // As above: it comes back and is recorded again (recording twice is harmless).
            }
        }

        return recorded;
    }

    /// <summary>
    /// After the concurrent part: one consumer and the recorder run until the queue and its dead-letter queue
    /// are empty, the clock moving two seconds a round so scheduled retries fall due. Without <paramref name="sweep"/>
    /// only the messages carry the orders on, so an order nobody's message carries stays where it is and the audit finds it.
    /// </summary>
    public async Task DrainAsync(bool sweep)
    {
        for (var round = 0; round < DrainRounds; round++)
        {
            await ConsumeAsync(0);
            await RecordDeadLettersAsync(0);
            if (sweep)
                await Instance(0).Sweeper.SweepAsync(CancellationToken.None);
            var main = Queue.Counts();
            var dead = Queue.DeadLetterCounts();
            if (main.Active + main.Scheduled + main.Locked + dead.Active + dead.Scheduled + dead.Locked == 0)
                return;
            Clock.Advance(TimeSpan.FromSeconds(2));
        }

        Specification.Assert(false, $"Invariant: the queue did not drain in {DrainRounds} rounds ({Queue.Counts()}, dead letters {Queue.DeadLetterCounts()}).");
    }

    /// <summary>
    /// The end state: every accepted order is Assigned or Delivered, or DeadLettered with a recorded reason;
    /// drivers hold exactly their orders; no message was dead-lettered as poison unless the scenario planted it.
    /// </summary>
    public async Task AuditAsync(IEnumerable<string> orderIds, bool poisonPlanted = false)
    {
        var store = Instance(0).Store;
        var deadLetters = await Instance(0).Replayer.ListAsync(500, CancellationToken.None);
        foreach (var orderId in orderIds)
        {
            var order = await store.FindOrderAsync(orderId, CancellationToken.None);
            Specification.Assert(order is not null, $"Invariant: accepted order {orderId} was lost.");
            Specification.Assert(order!.Status is OrderStatus.Assigned or OrderStatus.Delivered or OrderStatus.DeadLettered,
                $"Invariant: order {orderId} is stuck in {order.Status} (attempts {order.Attempts}, next attempt {order.NextAttemptAt:O}) with no message left to carry it.");
            if (order.Status == OrderStatus.DeadLettered)
                Specification.Assert(deadLetters.Any(d => d.OrderId == orderId),
                    $"Invariant: order {orderId} is DeadLettered but no dead-letter record with a reason exists.");

            // The order's events were stored in its own transactions: under any interleaving they tell its story exactly.
            var history = await store.ListEventsAsync(order.Zone, orderId, CancellationToken.None);
            foreach (var problem in Core.Events.OrderHistoryCheck.Disagreements(order, history))
                Specification.Assert(false, $"Invariant: events of {problem}");
        }

        if (!poisonPlanted)
        {
            var poison = deadLetters.FirstOrDefault(d => d.Reason == DeadLetterReasons.MaxDeliveryCountExceeded);
            Specification.Assert(poison is null, $"Invariant: a message of order {poison?.OrderId} was dead-lettered as poison ({poison?.Reason}) in a run without faults.");
        }

        foreach (var zone in new[] { Bodies.Zone, Bodies.OtherZone })
            await Monitor.CheckZoneAsync(store.Names.DispatchTable, zone, CancellationToken.None);
    }

    public async Task<OrderRecord?> OrderAsync(string orderId) => await Instance(0).Store.FindOrderAsync(orderId, CancellationToken.None);

    public void Dispose()
    {
        foreach (var instance in _instances)
            instance.Dispose();
    }
}
