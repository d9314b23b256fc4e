using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Functions.Configuration;
using AsyncFunctions.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.Functions.Tests.Support;

/// <summary>The real core on its in-memory ports (or on a store or publisher a test supplies to force faults).</summary>
internal static class CoreHost
{
    public static ServiceProvider InMemory() => Build(builder => builder.UseInMemory());

    public static ServiceProvider WithStore(ITableStore store) =>
        Build(builder => builder.UseInMemory().UseTableStore(_ => store));

    public static ServiceProvider WithPublisher(IMessagePublisher publisher) =>
        Build(builder => builder.UseInMemory().UsePublisher(_ => publisher));

    /// <summary>The core in memory plus the app's own role-check registration, as the HTTP functions resolve it.</summary>
    public static ServiceProvider ForHttp(bool easyAuthEnabled) =>
        Build(builder => builder.UseInMemory(), services => services.AddAppRoleAuthorization(easyAuthEnabled));

    private static ServiceProvider Build(Action<DispatchCoreBuilder> ports, Action<IServiceCollection>? app = null)
    {
        var services = new ServiceCollection();
        app?.Invoke(services);
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        ports(services.AddDispatchCore());
        return services.BuildServiceProvider();
    }
}
