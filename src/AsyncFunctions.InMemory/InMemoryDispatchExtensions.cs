using AsyncFunctions.Core.Configuration;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.InMemory;

/// <summary>Binds the core's ports to the in-process store and broker (local host, tests, benchmarks).</summary>
public static class InMemoryDispatchExtensions
{
    /// <summary>The in-process store and broker: one <see cref="InMemoryTableStore"/> and one <see cref="InMemoryQueue"/> per container.</summary>
    public static DispatchCoreBuilder UseInMemory(this DispatchCoreBuilder builder, BrokerQueueOptions? queueOptions = null, string queueName = "orders")
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(sp => new InMemoryTableStore(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new InMemoryQueue(queueName, queueOptions, sp.GetRequiredService<TimeProvider>()));
        return builder.UseTableStore(sp => sp.GetRequiredService<InMemoryTableStore>())
            .UsePublisher(sp => sp.GetRequiredService<InMemoryQueue>());
    }
}
