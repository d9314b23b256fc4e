using AsyncFunctions.Local.Dashboard;

namespace AsyncFunctions.Local.Brokers;

/// <summary>The receiving side of the broker the local host runs on (--broker): what its consumers take from, what its dashboard shows.</summary>
public interface ILocalBroker
{
    /// <summary>"orders" and "orders/$DeadLetterQueue" in the in-process broker; the queue names on RabbitMQ.</summary>
    string OrdersEntity { get; }

    string DeadLetterEntity { get; }

    Task<BrokerDelivery?> ReceiveOrderAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    Task<BrokerDelivery?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>True when settling threw because the broker took the message back (lock expired, channel closed): it is redelivered.</summary>
    bool IsLockLost(Exception exception);

    Task<BrokerView> ReadViewAsync(CancellationToken cancellationToken);
}
