using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.Local.Brokers;
using AsyncFunctions.Local.Hosting;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Local.Workers;

/// <summary>The AssignOrder trigger of the local host: Local:Consumers loops over the "orders" queue.</summary>
internal sealed class OrderConsumers(ILocalBroker broker, OrderMessageProcessor processor, IOptions<LocalHostOptions> options, DependencyCircuits circuits, ILogger<OrderConsumers> logger)
    : MessagePump(options.Value.Consumers, logger, [circuits.Storage, circuits.Bus])
{
    protected override string Entity => broker.OrdersEntity;

    protected override Task<BrokerDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken) =>
        broker.ReceiveOrderAsync(maxWait, cancellationToken);

    protected override Task ProcessAsync(BrokerDelivery message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message.Message, message.Settlement, cancellationToken);

    protected override bool IsLockLost(Exception exception) => broker.IsLockLost(exception);
}
