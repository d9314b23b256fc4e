using System.Text.Json.Nodes;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Results;
using AsyncFunctions.Core.Sweeping;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// The real engine over the real in-memory store and broker, wired as a host wires it
/// (AddDispatchCore().UseInMemory()), on a <see cref="ManualClock"/> and with the store behind a
/// <see cref="FaultyTableStore"/> so a test can force faults.
/// </summary>
public sealed class DispatchHarness : IDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="publisher">Replaces the broker as the publisher (to make sends fail); the queue is still there to inspect.</param>
    /// <param name="settings">Dispatch:* settings, e.g. ["Dispatch:LeaseDuration"] = "00:00:05".</param>
    public DispatchHarness(IMessagePublisher? publisher = null, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        // A plain container has no configuration; the engine's options bind from it as in a host.
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(FastResilience)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging();
        services.AddSingleton(sp => new FaultyTableStore(sp.GetRequiredService<InMemoryTableStore>()));
        var core = services.AddDispatchCore()
            .UseInMemory(new BrokerQueueOptions { LockDuration = TimeSpan.FromMinutes(1), MaxDeliveryCount = 3 })
            .UseTableStore(sp => sp.GetRequiredService<FaultyTableStore>());
        if (publisher is not null)
            core.UsePublisher(_ => publisher);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>In-process retries in milliseconds and no abandon hold, so a test runs at once; tests of the hold set it.</summary>
    public static Dictionary<string, string?> FastResilience { get; } = new()
    {
        ["Resilience:InProcessRetryDelay"] = "00:00:00.001",
        ["Resilience:InProcessRetryMaxDelay"] = "00:00:00.002",
        ["Resilience:AbandonDelay"] = "00:00:00",
    };

    public ManualClock Clock { get; } = new();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public InMemoryQueue Queue => Get<InMemoryQueue>();

    public FaultyTableStore Faults => Get<FaultyTableStore>();

    public DispatchStore Store => Get<DispatchStore>();

    public DispatchOptions Options => Get<IOptions<DispatchOptions>>().Value;

    public OrderIntake Intake => Get<OrderIntake>();

    public OrderMessageProcessor Processor => Get<OrderMessageProcessor>();

    public DeadLetterMessageProcessor DeadLetterProcessor => Get<DeadLetterMessageProcessor>();

    public DeadLetterRecorder Recorder => Get<DeadLetterRecorder>();

    public DeadLetterReplayer Replayer => Get<DeadLetterReplayer>();

    public OutboxRelay Sweeper => Get<OutboxRelay>();

    public DeliveryConfirmation Delivery => Get<DeliveryConfirmation>();

    public DriverRegistry Roster => Get<DriverRegistry>();

    public Task<DispatchResult<OrderStatusView>> SubmitAsync(JsonNode body, string? idempotencyKey = null, string? correlationId = null) =>
        Intake.SubmitAsync(body.Bytes(), idempotencyKey, "http", correlationId, CancellationToken.None);

    /// <summary>
    /// Submits and takes the intake message off the queue for good, so a test can hand it to the
    /// processor with a <see cref="RecordingSettlement"/> without the broker redelivering it later.
    /// </summary>
    public async Task<InboundMessage> SubmitAndReceiveAsync(JsonNode body)
    {
        var result = await SubmitAsync(body);
        Assert.Equal(ResultKind.Accepted, result.Kind);
        var locked = await ReceiveAsync();
        await locked.CompleteAsync();
        return locked.Message;
    }

    public async Task<DriverView> AddDriverAsync(string driverId, string zone = OrderBodies.Zone, int capacity = 2,
        double lat = OrderBodies.PickupLat, double lon = OrderBodies.PickupLon, bool available = true)
    {
        var result = await Roster.UpsertAsync(driverId, OrderBodies.Driver(zone, capacity, lat, lon, available).Bytes(), CancellationToken.None);
        Assert.True(result.Succeeded, result.Detail);
        return result.Value!;
    }

    /// <summary>The next available message; fails the test when there is none.</summary>
    public async Task<LockedMessage> ReceiveAsync()
    {
        var message = await Queue.ReceiveAsync(TimeSpan.Zero);
        Assert.NotNull(message);
        return message;
    }

    /// <summary>Every message available now, each completed.</summary>
    public async Task<List<InboundMessage>> DrainAsync()
    {
        var drained = new List<InboundMessage>();
        while (await Queue.ReceiveAsync(TimeSpan.Zero) is { } locked)
        {
            drained.Add(locked.Message);
            await locked.CompleteAsync();
        }

        return drained;
    }

    public async Task<(MessageOutcome Outcome, RecordingSettlement Settlement)> ProcessAsync(InboundMessage message)
    {
        var settlement = new RecordingSettlement();
        var outcome = await Processor.ProcessAsync(message, settlement, CancellationToken.None);
        Assert.NotNull(settlement.Settled);
        return (outcome, settlement);
    }

    public Task<OrderRecord?> OrderAsync(string orderId) => Store.FindOrderAsync(orderId, CancellationToken.None);

    public Task<DriverRecord?> DriverAsync(string driverId, string zone = OrderBodies.Zone) => Store.GetDriverAsync(zone, driverId, CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
