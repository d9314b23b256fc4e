namespace AsyncFunctions.Core.Resilience;

/// <summary>How a dependency is named in logs, metrics, dead-letter reasons and the dashboard.</summary>
public static class DependencyNames
{
    public static string Of(Dependency dependency) => dependency switch
    {
        Dependency.Storage => "storage",
        Dependency.Bus => "bus",
        _ => dependency.ToString(),
    };

    /// <summary>Dead-letter reason of a message given up on because <paramref name="dependency"/> kept failing.</summary>
    public static string UnavailableReason(Dependency dependency) => dependency switch
    {
        Dependency.Storage => "StorageUnavailable",
        Dependency.Bus => "BusUnavailable",
        _ => "DependencyUnavailable",
    };

    public static string Describe(Dependency dependency) => dependency switch
    {
        Dependency.Storage => "table storage",
        Dependency.Bus => "the message bus",
        _ => dependency.ToString(),
    };
}
