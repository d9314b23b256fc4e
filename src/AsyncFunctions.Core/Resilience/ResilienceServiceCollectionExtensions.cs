using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Core.Resilience;

/// <summary>Registers the retry policy and the breakers, configured from the one Resilience section.</summary>
public static class ResilienceServiceCollectionExtensions
{
    public static IServiceCollection AddDispatchResilience(this IServiceCollection services)
    {
        services.AddOptions<ResilienceOptions>().BindConfiguration(ResilienceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ResilienceMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new DependencyCircuits(
            sp.GetRequiredService<IOptions<ResilienceOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ResilienceMetrics>(), sp.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        services.TryAddSingleton<TransientFailurePolicy>();
        return services;
    }
}
