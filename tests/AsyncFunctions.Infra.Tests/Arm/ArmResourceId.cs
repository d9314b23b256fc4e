namespace AsyncFunctions.Infra.Tests.Arm;

/// <summary>Builds and reads resource ids the way resourceId() and friends shape them.</summary>
public static class ArmResourceId
{
    private const string Providers = "/providers/";

    /// <summary>"/providers/Ns/a/name1/b/name2" for type "Ns/a/b" and names [name1, name2].</summary>
    public static string Providing(string type, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(names);
        var segments = type.Split('/');
        if (segments.Length - 1 != names.Count)
        {
            throw new InvalidOperationException($"Type {type} needs {segments.Length - 1} names, got {names.Count}.");
        }

        var path = segments[0];
        for (var i = 0; i < names.Count; i++)
        {
            path += $"/{segments[i + 1]}/{names[i]}";
        }

        return Providers + path;
    }

    /// <summary>The resource type an id points at ("Microsoft.ServiceBus/namespaces/queues"), from its last /providers/ part.</summary>
    public static string TypeOf(string resourceId)
    {
        var segments = LastProviderSegments(resourceId);
        return string.Join('/', new[] { segments[0] }.Concat(segments.Skip(1).Where((_, i) => i % 2 == 0)));
    }

    /// <summary>The name segments of an id's last /providers/ part (namespace, queue, ...).</summary>
    public static IReadOnlyList<string> NamesOf(string resourceId) =>
        [.. LastProviderSegments(resourceId).Skip(1).Where((_, i) => i % 2 == 1)];

    private static string[] LastProviderSegments(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var start = resourceId.LastIndexOf(Providers, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            throw new InvalidOperationException($"'{resourceId}' is not a resource id.");
        }

        return resourceId[(start + Providers.Length)..].Split('/');
    }
}
