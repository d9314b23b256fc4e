using AsyncFunctions.Core.Configuration;
using AsyncFunctions.InMemory;

namespace AsyncFunctions.Local.Hosting;

/// <summary>Wires the core to the in-process store and broker, with the queue shaped by the "Local" settings.</summary>
public static class LocalDispatchExtensions
{
    public static WebApplicationBuilder AddLocalDispatch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        // The queue is built at registration, so its settings are read here; ValidateOnStart still checks them.
        var local = builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        builder.Services.AddDispatchCore().UseInMemory(local.ToQueueOptions());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = local.ShutdownTimeout);
        return builder;
    }
}
