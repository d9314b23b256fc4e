using System.Diagnostics;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// The dispatch flow's spans (ActivitySource "AsyncFunctions.Dispatch", the meter's name). Without a listener
/// (no OpenTelemetry SDK, no test listener) <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null and tracing costs next to nothing.
/// </summary>
public static class DispatchTracing
{
    public const string SourceName = DispatchMetrics.MeterName;

    /// <summary>
    /// The queue every span names as its destination (OTel messaging conventions): its logical name, the same on
    /// every host, so that span names ("send orders", "process orders") and the queries built on them do not depend
    /// on where it runs (in Azure it is the session-enabled queue <c>orders-by-zone</c>).
    /// </summary>
    public const string QueueName = "orders";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>An internal span of the flow (intake, pick, commit, settle, sweep, replay).</summary>
    public static Activity? StartInternal(string name, string? orderId = null)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (orderId is not null)
            activity?.SetTag(DispatchTags.OrderId, orderId);
        return activity;
    }
}
