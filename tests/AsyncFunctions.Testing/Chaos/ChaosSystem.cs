using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Testing.Faults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// The real engine over a table store (in memory unless a test passes another, such as the Azure
/// adapter on Azurite) and the in-memory broker, with faults injected between the engine and both
/// ports, and the assignment ledger right on the store.
/// </summary>
public sealed class ChaosSystem : IAsyncDisposable
{
    /// <param name="scenario">The load: orders, zones, drivers.</param>
    /// <param name="plan">The faults to inject between the engine and its ports.</param>
    /// <param name="settings">Configuration overrides for the engine (Dispatch:*, Resilience:*).</param>
    /// <param name="store">The table store under test; in memory (on <paramref name="time"/>) when null.</param>
    /// <param name="time">The clock of the engine and the broker; an <see cref="AcceleratedTimeProvider"/> simulates long outages quickly.</param>
    /// <param name="broker">Another broker than the in-process one (a real RabbitMQ); the system disposes it.</param>
    public ChaosSystem(ChaosScenario scenario, FaultPlan plan, IDictionary<string, string?>? settings = null, ITableStore? store = null, TimeProvider? time = null, IChaosBroker? broker = null)
    {
        Time = time ?? TimeProvider.System;
        Store = store ?? new InMemoryTableStore(Time);
        Ledger = new AssignmentLedger(Store);
        Queue = new InMemoryQueue("orders", new BrokerQueueOptions
        {
            LockDuration = scenario.LockDuration,
            MaxDeliveryCount = scenario.MaxDeliveryCount,
            RequiresSession = scenario.SessionHolders > 0,
        }, Time);
        Broker = broker ?? new InMemoryChaosBroker(Queue, [.. Enumerable.Range(0, scenario.SessionHolders).Select(i =>
            new SessionHolder($"instance-{i}", maxSessions: 2, callsPerSession: scenario.Consumers, idleTimeout: scenario.LockDuration / 2))]);
        Faults = new FaultInjector(plan, new FaultCounters());
        // The events topic: the auditor reads its operations subscription, which gets every event.
        Topic = InMemoryDispatchExtensions.CreateTopic(Queue.Options, [ChaosWorkload.PartnerSource], Time);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DefaultSettings(scenario)).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(Time);
        services.AddDispatchCore()
            .UseTableStore(_ => new FaultInjectingTableStore(Ledger, Faults))
            .UsePublisher(_ => new FaultInjectingPublisher(Broker.Publisher, Faults))
            .UseEventPublisher(_ => new FaultInjectingEventPublisher(Topic, Faults));
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public TimeProvider Time { get; }

    /// <summary>The store under test, below the faults and the ledger: what the audit reads.</summary>
    public ITableStore Store { get; }

    public AssignmentLedger Ledger { get; }

    /// <summary>The in-process queue; the run's broker unless another was given.</summary>
    public InMemoryQueue Queue { get; }

    /// <summary>What the workers consume from and partners send to.</summary>
    public IChaosBroker Broker { get; }

    /// <summary>The order-events topic the relay publishes to; the auditor reads its subscriptions.</summary>
    public InMemoryTopic Topic { get; }

    public FaultInjector Faults { get; }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>Timings scaled down so that leases, locks and retries turn over many times in one run.</summary>
    private static Dictionary<string, string?> DefaultSettings(ChaosScenario scenario) => new()
    {
        ["Dispatch:LeaseDuration"] = (scenario.LockDuration * 0.75).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Dispatch:DriverRetryInitial"] = "00:00:00.020",
        ["Dispatch:DriverRetryMax"] = "00:00:00.200",
        ["Dispatch:MaxAwaitingDriver"] = "00:10:00",
        ["Dispatch:StaleAfter"] = "00:00:00.500",
        ["Dispatch:MaxConflictRetries"] = "8",
        // Backoffs in the same scale as the lock: in-process retries of a few ms, copies within a second.
        ["Resilience:InProcessRetryDelay"] = "00:00:00.002",
        ["Resilience:InProcessRetryMaxDelay"] = "00:00:00.020",
        ["Resilience:RescheduleInitialDelay"] = "00:00:00.020",
        ["Resilience:RescheduleMaxDelay"] = "00:00:00.200",
        ["Resilience:AbandonDelay"] = (scenario.LockDuration * 0.25).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
}
