using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>Every settlement waits a bus round trip first, as complete/abandon/dead-letter on Service Bus do.</summary>
internal sealed class RoundTripDelaySettlement(IMessageSettlement inner, TimeSpan roundTrip) : IMessageSettlement
{
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await inner.CompleteAsync(cancellationToken);
    }

    public async Task AbandonAsync(CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await inner.AbandonAsync(cancellationToken);
    }

    public async Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await inner.DeadLetterAsync(reason, description, cancellationToken);
    }
}
