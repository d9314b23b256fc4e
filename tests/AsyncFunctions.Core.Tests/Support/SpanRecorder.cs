using System.Collections.Concurrent;
using System.Diagnostics;
using AsyncFunctions.Core.Diagnostics;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// Listens to the dispatch ActivitySource (and this test's own root spans) and keeps every finished span.
/// Listeners are process-wide and tests run in parallel, so a test filters by its own trace id or order id.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    public const string TestSourceName = "AsyncFunctions.Core.Tests";

    private static readonly ActivitySource TestSource = new(TestSourceName);
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is DispatchTracing.SourceName or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A root span standing in for the HTTP request (or any caller) a test's work runs under.</summary>
    public static Activity StartRoot(string name = "request") =>
        TestSource.StartActivity(name, ActivityKind.Server, parentContext: default) ?? throw new InvalidOperationException("The recorder is not listening.");

    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    public IReadOnlyList<Activity> ForOrder(string orderId) =>
        [.. _stopped.Where(a => a.GetTagItem(DispatchTags.OrderId) as string == orderId)];

    public IReadOnlyList<Activity> Named(string name) => [.. _stopped.Where(a => a.DisplayName == name)];

    public void Dispose() => _listener.Dispose();
}
