namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// Settlement of a delivery the broker no longer holds for us: its channel closed (connection lost,
/// consumer timeout) and the broker requeued it, or it was settled already. RabbitMQ's lock-lost.
/// </summary>
public sealed class DeliveryLostException : Exception
{
    public DeliveryLostException() : base("The delivery is no longer held: its channel closed and the broker requeued it, or it was settled already.") { }

    public DeliveryLostException(string message) : base(message) { }

    public DeliveryLostException(string message, Exception innerException) : base(message, innerException) { }
}
