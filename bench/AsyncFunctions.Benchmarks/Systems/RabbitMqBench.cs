using AsyncFunctions.RabbitMq.Configuration;
using AsyncFunctions.RabbitMq.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.Benchmarks.Systems;

/// <summary>The RabbitMQ adapter on one queue of its own, wired as the local host wires it (connection, confirmed sender, publisher, receivers).</summary>
internal sealed class RabbitMqBench : IAsyncDisposable
{
    public RabbitMqBench(Uri uri, string queueName)
    {
        Connection = new RabbitMqConnection(Options.Create(new RabbitMqOptions { Uri = uri, QueueName = queueName }));
        Sender = new ConfirmedSender(Connection);
        Publisher = new RabbitMqPublisher(Connection, Sender, TimeProvider.System);
        Broker = new RabbitMqBroker(Connection, Sender, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public RabbitMqConnection Connection { get; }

    public ConfirmedSender Sender { get; }

    public RabbitMqPublisher Publisher { get; }

    public RabbitMqBroker Broker { get; }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Sender.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
