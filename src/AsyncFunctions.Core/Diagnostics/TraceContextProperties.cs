using System.Diagnostics;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// W3C trace context in a message's application properties, written as Azure.Messaging.ServiceBus does
/// (<c>Diagnostic-Id</c>) and as W3C names it (<c>traceparent</c>), so any broker behind the port carries it
/// and a partner that sends either one sees our work in its trace.
/// </summary>
public static class TraceContextProperties
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";
    public const string DiagnosticId = "Diagnostic-Id";

    /// <summary>The context a message carries, if it carries a valid one (traceparent first, then Diagnostic-Id).</summary>
    public static ActivityContext? Extract<TValue>(IReadOnlyDictionary<string, TValue> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var state = properties.TryGetValue(TraceState, out var s) ? s as string : null;
        foreach (var name in new[] { TraceParent, DiagnosticId })
        {
            if (properties.TryGetValue(name, out var value) && value is string id
                && ActivityContext.TryParse(id, state, isRemote: true, out var context))
                return context;
        }

        return null;
    }

    /// <summary>A copy of <paramref name="properties"/> that carries <paramref name="activity"/>'s context.</summary>
    public static Dictionary<string, object> Inject(IReadOnlyDictionary<string, object> properties, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(activity);
        var copy = new Dictionary<string, object>(properties)
        {
            [TraceParent] = activity.Id!,
            [DiagnosticId] = activity.Id!,
        };
        if (activity.TraceStateString is { Length: > 0 } state)
            copy[TraceState] = state;
        else
            copy.Remove(TraceState);
        return copy;
    }

    /// <summary>
    /// The parent of a span for work that carries <paramref name="carried"/>: the current span when it is in that
    /// trace already (a retry sent while handling the order), else the carried context with a link to the current
    /// span (a sweep or a replay request continues the order's trace and points back at what triggered it), else
    /// the current span.
    /// </summary>
    public static (ActivityContext Parent, ActivityLink[]? Links) ParentOf(ActivityContext? carried)
    {
        var current = Activity.Current;
        if (carried is not { } context)
            return (current?.Context ?? default, null);
        if (current is null)
            return (context, null);
        return current.TraceId == context.TraceId ? (current.Context, null) : (context, [new ActivityLink(current.Context)]);
    }

    /// <summary>The current span's W3C id, to remember on an order so later work can continue its trace.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
}
