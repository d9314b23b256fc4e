using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Core.Configuration;

/// <summary>
/// Binds the core's two ports to implementations. Each raw implementation is wrapped in its
/// tracing decorator (a span per round-trip; the publisher writes the trace context into the message), its
/// metered decorator, so every host counts round-trips the same way, and then in its dependency's
/// breaker, so an open circuit fails fast without a round-trip.
/// </summary>
public sealed class DispatchCoreBuilder(IServiceCollection services)
{
    private const string RawKey = "raw";

    public IServiceCollection Services => services;

    public DispatchCoreBuilder UseTableStore(Func<IServiceProvider, ITableStore> factory)
    {
        services.AddKeyedSingleton<ITableStore>(RawKey, (sp, _) => factory(sp));
        services.AddSingleton<ITableStore>(sp => new CircuitBreakingTableStore(
            new MeteredTableStore(new TracingTableStore(sp.GetRequiredKeyedService<ITableStore>(RawKey)), sp.GetRequiredService<DispatchMetrics>()),
            sp.GetRequiredService<DependencyCircuits>().Storage));
        return this;
    }

    public DispatchCoreBuilder UsePublisher(Func<IServiceProvider, IMessagePublisher> factory)
    {
        services.AddKeyedSingleton<IMessagePublisher>(RawKey, (sp, _) => factory(sp));
        services.AddSingleton<IMessagePublisher>(sp => new CircuitBreakingPublisher(
            new MeteredPublisher(new TracingPublisher(sp.GetRequiredKeyedService<IMessagePublisher>(RawKey)), sp.GetRequiredService<DispatchMetrics>()),
            sp.GetRequiredService<DependencyCircuits>().Bus));
        return this;
    }

    /// <summary>
    /// Where order events go (the order-events topic), metered like the other ports. Without one, events are still stored with every change and
    /// wait in the outbox; with one, the relay sends them after each commit and its sweep catches up.
    /// </summary>
    public DispatchCoreBuilder UseEventPublisher(Func<IServiceProvider, IEventPublisher> factory)
    {
        services.AddKeyedSingleton<IEventPublisher>(RawKey, (sp, _) => factory(sp));
        services.AddSingleton<IEventPublisher>(sp => new MeteredEventPublisher(sp.GetRequiredKeyedService<IEventPublisher>(RawKey), sp.GetRequiredService<DispatchMetrics>()));
        services.AddSingleton<OrderEventRelay>();
        return this;
    }
}
