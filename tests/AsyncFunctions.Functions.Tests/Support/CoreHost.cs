using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Storage;
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

    private static ServiceProvider Build(Action<DispatchCoreBuilder> ports)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        ports(services.AddDispatchCore());
        return services.BuildServiceProvider();
    }
}
