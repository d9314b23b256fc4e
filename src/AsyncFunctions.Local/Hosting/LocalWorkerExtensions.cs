using AsyncFunctions.Local.Seeding;
using AsyncFunctions.Local.Workers;

namespace AsyncFunctions.Local.Hosting;

/// <summary>The background work the Functions runtime would do with triggers: consumers, a timer, and (on request) demo data.</summary>
public static class LocalWorkerExtensions
{
    public static WebApplicationBuilder AddLocalWorkers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Seeding is registered first so drivers exist before the first order is consumed.
        builder.Services.AddHostedService<DemoDriverSeeder>();
        // Before the consumers, so it stops after them: see PublishedMarkerFlush.
        builder.Services.AddHostedService<PublishedMarkerFlush>();
        builder.Services.AddHostedService<OrderConsumers>();
        builder.Services.AddHostedService<DeadLetterConsumer>();
        builder.Services.AddHostedService<StaleOrderSweepLoop>();
        return builder;
    }
}
