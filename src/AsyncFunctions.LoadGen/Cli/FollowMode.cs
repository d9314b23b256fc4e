namespace AsyncFunctions.LoadGen.Cli;

/// <summary>How the run learns what became of its orders.</summary>
public enum FollowMode
{
    /// <summary>GET /api/orders/{id} with a backoff per order.</summary>
    Poll,

    /// <summary>The order events: the local host's GET /api/events/stream, or a Service Bus subscription of order-events.</summary>
    Events,

    /// <summary>Both at once, each timed on its own, to compare what they cost and how soon they know.</summary>
    Both,
}
