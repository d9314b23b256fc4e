using AsyncFunctions.Azure.Configuration;
using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Core.Configuration;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory;
using AsyncFunctions.InMemory.Messaging;
using AsyncFunctions.InMemory.Storage;
using AsyncFunctions.Local.Brokers;
using AsyncFunctions.RabbitMq.Configuration;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Hosting;

/// <summary>
/// Wires the core to the in-process broker, with the queue shaped by the "Local" settings, or with --broker to
/// RabbitMQ; and to the in-process store or, with --storage, to <see cref="AzureTableStore"/> on a real table service.
/// </summary>
public static class LocalDispatchExtensions
{
    public static WebApplicationBuilder AddLocalDispatch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // The in-process broker's lock is the message lock: the resilience rules (holds and retries inside the lock) check against it.
        builder.Services.AddOptions<ResilienceOptions>().PostConfigure<IOptions<LocalHostOptions>>((resilience, local) => resilience.MessageLockDuration = local.Value.LockDuration);

        // The queue is built at registration, so its settings are read here; ValidateOnStart still checks them.
        var local = builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var core = builder.Services.AddDispatchCore().UseInMemory(local.ToQueueOptions(), partners: local.Partners);
        if (LocalStorage.IsMemory(local.Storage))
        {
            builder.Services.AddKeyedSingleton<ITableStore>(LocalStorage.DashboardStoreKey, (sp, _) => sp.GetRequiredService<InMemoryTableStore>());
        }
        else
        {
            // Same broker, real tables: what the in-process broker loses in a crash, the sweeper re-publishes from them.
            builder.Configuration.AddInMemoryCollection(LocalStorage.SettingsFor(local.Storage));
            builder.AddAzureTableStore();
            core.UseTableStore(sp => sp.GetRequiredService<AzureTableStore>());
            builder.Services.AddKeyedSingleton<ITableStore>(LocalStorage.DashboardStoreKey, (sp, _) => sp.GetRequiredService<AzureTableStore>());
        }

        if (LocalBroker.IsMemory(local.Broker))
        {
            builder.Services.AddSingleton<ILocalBroker>(sp => new InMemoryLocalBroker(sp.GetRequiredService<InMemoryQueue>(), local.ToSessionHolder()));
        }
        else
        {
            // A real broker: the messages outlive the host, and several hosts can consume one queue.
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.Uri)}"] = LocalBroker.RabbitMqUriFor(local.Broker).ToString(),
                [$"{RabbitMqOptions.SectionName}:{nameof(RabbitMqOptions.MaxDeliveryCount)}"] = local.MaxDeliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            core.UseRabbitMq();
            builder.Services.AddSingleton<ILocalBroker>(sp => new RabbitMqLocalBroker(sp.GetRequiredService<AsyncFunctions.RabbitMq.Messaging.RabbitMqBroker>()));
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = local.ShutdownTimeout);
        return builder;
    }
}
