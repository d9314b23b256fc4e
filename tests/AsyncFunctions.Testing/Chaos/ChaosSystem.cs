using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Storage;
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
    public ChaosSystem(ChaosScenario scenario, FaultPlan plan, IDictionary<string, string?>? settings = null, ITableStore? store = null)
    {
        Store = store ?? new InMemoryTableStore();
        Ledger = new AssignmentLedger(Store);
        Queue = new InMemoryQueue("orders", new BrokerQueueOptions
        {
            LockDuration = scenario.LockDuration,
            MaxDeliveryCount = scenario.MaxDeliveryCount,
        });
        Faults = new FaultInjector(plan, new FaultCounters());

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DefaultSettings(scenario)).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddDispatchCore()
            .UseTableStore(_ => new FaultInjectingTableStore(Ledger, Faults))
            .UsePublisher(_ => new FaultInjectingPublisher(Queue, Faults));
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The store under test, below the faults and the ledger: what the audit reads.</summary>
    public ITableStore Store { get; }

    public AssignmentLedger Ledger { get; }

    public InMemoryQueue Queue { get; }

    public FaultInjector Faults { get; }

    public ServiceProvider Services { get; }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>Timings scaled down so that leases, locks and retries turn over many times in one run.</summary>
    private static Dictionary<string, string?> DefaultSettings(ChaosScenario scenario) => new()
    {
        ["Dispatch:LeaseDuration"] = (scenario.LockDuration * 0.75).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Dispatch:DriverRetryInitial"] = "00:00:00.020",
        ["Dispatch:DriverRetryMax"] = "00:00:00.200",
        ["Dispatch:MaxAwaitingDriver"] = "00:10:00",
        ["Dispatch:StaleAfter"] = "00:00:00.500",
        ["Dispatch:MaxConflictRetries"] = "8",
    };
}
