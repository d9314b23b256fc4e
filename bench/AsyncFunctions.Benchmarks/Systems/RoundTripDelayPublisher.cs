using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>Every send waits a bus round trip first, as a send to Service Bus over the network does.</summary>
internal sealed class RoundTripDelayPublisher(IMessagePublisher inner, TimeSpan roundTrip) : IMessagePublisher
{
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        await Task.Delay(roundTrip, cancellationToken);
        await inner.SendAsync(message, cancellationToken);
    }
}
