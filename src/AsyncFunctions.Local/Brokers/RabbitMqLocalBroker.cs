using AsyncFunctions.Local.Dashboard;
using AsyncFunctions.RabbitMq.Messaging;

namespace AsyncFunctions.Local.Brokers;

/// <summary>
/// RabbitMQ (--broker rabbitmq or an amqp:// URI): the messages outlive the host, so a killed host's unacknowledged
/// work is redelivered by the broker to whichever host consumes next. The dashboard's counts come from the broker
/// (passive declares); "scheduled" is what waits in the delay queues, and there are never duplicates dropped.
/// </summary>
public sealed class RabbitMqLocalBroker(RabbitMqBroker broker) : ILocalBroker
{
    public string OrdersEntity => broker.Topology.Orders;

    public string DeadLetterEntity => broker.Topology.DeadLetter;

    public async Task<BrokerDelivery?> ReceiveOrderAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await broker.Orders.ReceiveAsync(maxWait, cancellationToken) is { } delivery ? new BrokerDelivery(delivery.Message, delivery) : null;

    public async Task<BrokerDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        await broker.DeadLetters.ReceiveAsync(maxWait, cancellationToken) is { } delivery ? new BrokerDelivery(delivery.Message, delivery) : null;

    public bool IsLockLost(Exception exception) => exception is DeliveryLostException;

    public async Task<BrokerView> ReadViewAsync(CancellationToken cancellationToken)
    {
        var depths = await broker.ReadDepthsAsync(cancellationToken);
        return new BrokerView(Clamp(depths.Ready), Clamp(depths.Delayed), depths.Held, DuplicatesDropped: 0, Clamp(depths.DeadLetterReady), depths.DeadLetterHeld);
    }

    private static int Clamp(long count) => (int)Math.Min(int.MaxValue, count);
}
