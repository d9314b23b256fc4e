using AsyncFunctions.Core.Configuration;
using AsyncFunctions.RabbitMq.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AsyncFunctions.RabbitMq.Configuration;

/// <summary>Binds the core's publisher to RabbitMQ and registers the receivers a host consumes with.</summary>
public static class RabbitMqExtensions
{
    /// <summary>
    /// The RabbitMq:* settings (validated at start), one connection, the confirmed publisher behind the core's
    /// tracing, metering and bus breaker (the <see cref="DispatchCoreBuilder"/> wraps it), and the receivers.
    /// </summary>
    public static DispatchCoreBuilder UseRabbitMq(this DispatchCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.Uri.Scheme is "amqp" or "amqps", "RabbitMq:Uri must be an amqp:// or amqps:// URI.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RabbitMqConnection>();
        services.AddSingleton<ConfirmedSender>();
        services.AddSingleton<RabbitMqPublisher>();
        services.AddSingleton<RabbitMqBroker>();
        services.AddHostedService<RabbitMqStartup>();
        return builder.UsePublisher(sp => sp.GetRequiredService<RabbitMqPublisher>());
    }
}
