using AsyncFunctions.Testing.Faults;
using System.Globalization;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>The real engine over the in-memory store, with the in-memory broker or (for direct baselines) none.</summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private BenchSystem(CoreVariant variant, bool withBroker, TimeSpan? storageRoundTrip, TimeSpan? busRoundTrip, BenchSystem? shared = null, ITableStore? tables = null, IMessagePublisher? publisher = null, bool sessions = false)
    {
        Variant = variant;
        Store = tables ?? shared?.Store ?? new InMemoryTableStore();
        Queue = shared?.Queue ?? new InMemoryQueue("orders", new BrokerQueueOptions { RequiresSession = sessions });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(variant.Settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        var core = services.AddDispatchCore().UseTableStore(_ => storageRoundTrip is { } roundTrip ? new RoundTripDelayStore(Store, roundTrip) : Store);
        if (publisher is not null)
            core.UsePublisher(_ => publisher);
        else if (withBroker)
            core.UsePublisher(_ => busRoundTrip is { } bus ? new RoundTripDelayPublisher(Queue, bus) : Queue);
        else
            core.UsePublisher(_ => new NullPublisher());
        // Order events go to an in-process topic, so the cost suite counts their sends and marker deletes too.
        Topic = AsyncFunctions.InMemory.InMemoryDispatchExtensions.CreateTopic(null, [], TimeProvider.System);
        core.UseEventPublisher(_ => Topic);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public CoreVariant Variant { get; }

    /// <summary>The table store under the engine: in memory unless a suite brings its own (Azurite).</summary>
    public ITableStore Store { get; }

    public InMemoryQueue Queue { get; }

    public InMemoryTopic Topic { get; }

    public ServiceProvider Services { get; }

    /// <param name="variant">The engine settings to run: as shipped, or the classic protocol.</param>
    /// <param name="withBroker">Whether published messages go to the in-memory queue, or are dropped (intake-only runs).</param>
    /// <param name="zones">How many zones the drivers are spread over.</param>
    /// <param name="driversPerZone">Drivers registered in each zone.</param>
    /// <param name="capacity">Each driver's capacity; large by default so capacity never limits a run.</param>
    /// <param name="storageRoundTrip">When set, every table call waits this long first, like a call over the network.</param>
    /// <param name="busRoundTrip">When set, every send waits this long first.</param>
    /// <param name="tables">The table store to run on; a fresh in-memory one when null.</param>
    /// <param name="publisher">Another broker's publisher (the rabbitmq suite) instead of the in-memory queue.</param>
    /// <param name="sessions">A session-enabled queue, as orders-by-zone is in Azure: consumers receive through a <see cref="SessionHolder"/>.</param>
    public static async Task<BenchSystem> StartAsync(CoreVariant variant, bool withBroker, int zones, int driversPerZone, int capacity = 1_000_000, TimeSpan? storageRoundTrip = null, TimeSpan? busRoundTrip = null, ITableStore? tables = null, IMessagePublisher? publisher = null, bool sessions = false)
    {
        var system = new BenchSystem(variant, withBroker, storageRoundTrip, busRoundTrip, tables: tables, publisher: publisher, sessions: sessions);
        await system.RegisterDriversAsync(zones, driversPerZone, capacity);
        return system;
    }

    /// <summary>
    /// Another instance of the app over <paramref name="first"/>'s store and queue: its own container, so its own
    /// zone gates and roster caches, as a second Function instance has. Registers no drivers (they are shared).
    /// </summary>
    public static BenchSystem Join(BenchSystem first, CoreVariant variant, TimeSpan? storageRoundTrip = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new BenchSystem(variant, withBroker: true, storageRoundTrip, busRoundTrip: null, first);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>
    /// Drivers spread evenly over each zone's square (<see cref="ZoneArea"/>), like the pickups. Written
    /// straight to the store because the contract caps capacity at 50: here capacity is large on purpose,
    /// so no order ever waits and every run measures the happy path.
    /// </summary>
    private async Task RegisterDriversAsync(int zones, int driversPerZone, int capacity)
    {
        var store = Get<DispatchStore>();
        for (var zone = 0; zone < zones; zone++)
        {
            for (var d = 0; d < driversPerZone; d++)
            {
                var driver = new DriverRecord
                {
                    DriverId = string.Create(CultureInfo.InvariantCulture, $"driver-{zone}-{d:D4}"),
                    Zone = string.Create(CultureInfo.InvariantCulture, $"zone-{zone}"),
                    Capacity = capacity,
                    Location = ZoneArea.Point(zone, (ulong)d << 32),
                    Available = true,
                    UpdatedAt = DateTimeOffset.UtcNow,
                };
                await store.Tables.AddAsync(store.Names.DispatchTable, driver.ToRow());
            }
        }
    }
}
