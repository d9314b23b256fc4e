namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// The broker could not be reached, the connection dropped, or a send was not confirmed. An IOException,
/// so the core's one failure classification (TransientFailures) counts it as transient: the bus breaker
/// sees it, intake still answers 202 (the status table is the outbox) and the sweeper re-publishes.
/// </summary>
public sealed class RabbitMqUnavailableException : IOException
{
    public RabbitMqUnavailableException() : base("RabbitMQ is unavailable.") { }

    public RabbitMqUnavailableException(string message) : base(message) { }

    public RabbitMqUnavailableException(string message, Exception innerException) : base(message, innerException) { }
}
