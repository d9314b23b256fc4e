using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Core.Sweeping;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// One host instance: the core wired as a host wires it (AddDispatchCore, then the ports), with its own
/// singletons (zone gate, roster cache) over the store and queue every instance shares.
/// </summary>
public sealed class DispatchInstance : IDisposable
{
    private readonly ServiceProvider _services;

    public DispatchInstance(IConfiguration configuration, TimeProvider clock, ITableStore store, IMessagePublisher publisher, BrokenVariant broken)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddSingleton(clock);
        services.AddLogging();
        services.AddDispatchCore().UseTableStore(_ => store).UsePublisher(_ => publisher);
        // The ports without their breakers: Polly's circuit breaker runs tasks and a background executor Coyote
        // cannot control (uncontrolled invocations). The breakers have their own tests (Core.Tests/Resilience).
        services.AddSingleton(store);
        services.AddSingleton(publisher);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // The two broken variants that need the core's internal switches (docs/testing.md).
        Get<OutcomeSettler>().CompletesBeforeSchedulingForTesting = broken == BrokenVariant.SettlerCompletesBeforeScheduling;
        Get<OrderAssigner>().SkipsResolvedCheckForTesting = broken == BrokenVariant.AssignerSkipsResolvedCheck;
    }

    public OrderIntake Intake => Get<OrderIntake>();

    public OrderMessageProcessor Processor => Get<OrderMessageProcessor>();

    public DeadLetterMessageProcessor DeadLetterProcessor => Get<DeadLetterMessageProcessor>();

    public DeadLetterReplayer Replayer => Get<DeadLetterReplayer>();

    public OutboxRelay Sweeper => Get<OutboxRelay>();

    public DeliveryConfirmation Delivery => Get<DeliveryConfirmation>();

    public DriverRegistry Drivers => Get<DriverRegistry>();

    public DispatchStore Store => Get<DispatchStore>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();
}
