using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>Counts settlement round-trips to the broker.</summary>
public sealed class MeteredSettlement(IMessageSettlement inner, DispatchMetrics metrics) : IMessageSettlement
{
    public Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        metrics.BusOperation("complete");
        return inner.CompleteAsync(cancellationToken);
    }

    public Task AbandonAsync(CancellationToken cancellationToken = default)
    {
        metrics.BusOperation("abandon");
        return inner.AbandonAsync(cancellationToken);
    }

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default)
    {
        metrics.BusOperation("deadletter");
        return inner.DeadLetterAsync(reason, description, cancellationToken);
    }
}
