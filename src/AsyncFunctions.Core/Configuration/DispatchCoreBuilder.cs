using AsyncFunctions.Core.Diagnostics;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Core.Configuration;

/// <summary>
/// Binds the core's two ports to implementations. Each raw implementation is wrapped in its
/// metered decorator, so every host counts round-trips the same way.
/// </summary>
public sealed class DispatchCoreBuilder(IServiceCollection services)
{
    private const string RawKey = "raw";

    public IServiceCollection Services => services;

    public DispatchCoreBuilder UseTableStore(Func<IServiceProvider, ITableStore> factory)
    {
        services.AddKeyedSingleton<ITableStore>(RawKey, (sp, _) => factory(sp));
        services.AddSingleton<ITableStore>(sp => new MeteredTableStore(
            sp.GetRequiredKeyedService<ITableStore>(RawKey), sp.GetRequiredService<DispatchMetrics>()));
        return this;
    }

    public DispatchCoreBuilder UsePublisher(Func<IServiceProvider, IMessagePublisher> factory)
    {
        services.AddKeyedSingleton<IMessagePublisher>(RawKey, (sp, _) => factory(sp));
        services.AddSingleton<IMessagePublisher>(sp => new MeteredPublisher(
            sp.GetRequiredKeyedService<IMessagePublisher>(RawKey), sp.GetRequiredService<DispatchMetrics>()));
        return this;
    }
}
