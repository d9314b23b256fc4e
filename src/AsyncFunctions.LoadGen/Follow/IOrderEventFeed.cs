namespace AsyncFunctions.LoadGen.Follow;

/// <summary>
/// Where a run hears what became of its orders instead of asking: the local host's Server-Sent Events stream
/// (<see cref="ServerSentEventFeed"/>) or a Service Bus subscription of the order-events topic (<see cref="ServiceBusEventFeed"/>).
/// </summary>
public interface IOrderEventFeed : IAsyncDisposable
{
    /// <summary>Returns once every event published from now on will be delivered: call it before the first order is sent.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Events as they arrive, about every order (the run's own and any other), until cancelled.</summary>
    /// <exception cref="OrderEventFeedException">The feed could not be read or ended by itself.</exception>
    IAsyncEnumerable<FollowedEvent> ReadAllAsync(CancellationToken cancellationToken);
}
