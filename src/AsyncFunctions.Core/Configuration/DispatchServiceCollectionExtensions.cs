using System.Diagnostics.Metrics;
using AsyncFunctions.Core.Assignment;
using AsyncFunctions.Core.DeadLetters;
using AsyncFunctions.Core.Delivery;
using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Drivers;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Core.Orders;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Retention;
using AsyncFunctions.Core.Sweeping;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AsyncFunctions.Core.Configuration;

/// <summary>Registers the dispatch engine; the host then picks its ports on the returned builder.</summary>
public static class DispatchServiceCollectionExtensions
{
    public static DispatchCoreBuilder AddDispatchCore(this IServiceCollection services)
    {
        // A bad setting should stop the host at start, not surface at 3 a.m.
        services.AddOptions<DispatchOptions>().BindConfiguration(DispatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TableNames>().BindConfiguration(TableNames.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DispatchMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<DispatchStore>();
        services.AddDispatchResilience();

        services.TryAddSingleton<OrderIntake>();
        services.TryAddSingleton<OrderQueries>();
        services.TryAddSingleton<OrderHistory>();
        services.TryAddSingleton<ZoneGate>();
        services.TryAddSingleton<ZoneRosterCache>();
        services.TryAddSingleton<OrderAssigner>();
        services.TryAddSingleton<DriverRegistry>();
        services.TryAddSingleton<DeliveryConfirmation>();
        services.TryAddSingleton<WaitingOrderWaker>();
        services.TryAddSingleton<DeadLetterRecorder>();
        services.TryAddSingleton<DeadLetterReplayer>();
        services.TryAddSingleton<DeliveredRetention>();
        services.TryAddSingleton<PendingIndexMigration>();
        services.TryAddSingleton<OutboxRelay>();
        // Orders awaiting a driver, per zone, as gauges: counted after each sweep from the await| index.
        services.TryAddSingleton<AwaitingDriverGauges>();
        services.TryAddSingleton<AwaitingDriverCensus>();

        services.TryAddSingleton<OutcomeSettler>();
        services.TryAddSingleton<OrderMessageProcessor>();
        services.TryAddSingleton<DeadLetterMessageProcessor>();
        return new DispatchCoreBuilder(services);
    }
}
