using AsyncFunctions.Contracts.Messaging;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.RabbitMq.Configuration;
using AsyncFunctions.RabbitMq.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>The adapter as a host wires it (connection, confirmed sender, publisher, receivers) on a queue name of its own.</summary>
internal sealed class RabbitMqQueueUnderTest : IQueueUnderTest
{
    private RabbitMqQueueUnderTest(RabbitMqOptions options)
    {
        Options = options;
        Connection = new RabbitMqConnection(Microsoft.Extensions.Options.Options.Create(options));
        Sender = new ConfirmedSender(Connection);
        RabbitPublisher = new RabbitMqPublisher(Connection, Sender, TimeProvider.System);
        Broker = new RabbitMqBroker(Connection, Sender, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public RabbitMqOptions Options { get; }

    public RabbitMqConnection Connection { get; }

    public ConfirmedSender Sender { get; }

    public RabbitMqPublisher RabbitPublisher { get; }

    public RabbitMqBroker Broker { get; }

    public IMessagePublisher Publisher => RabbitPublisher;

    public static async Task<RabbitMqQueueUnderTest> CreateAsync(Uri uri, int maxDeliveryCount = 3, string? queueName = null)
    {
        var queue = new RabbitMqQueueUnderTest(new RabbitMqOptions
        {
            Uri = uri,
            QueueName = queueName ?? "orders-" + Guid.NewGuid().ToString("N")[..10],
            MaxDeliveryCount = maxDeliveryCount,
            Prefetch = 4,
            RecoveryInterval = TimeSpan.FromMilliseconds(500),
        });
        await queue.Connection.GetAsync(CancellationToken.None);
        return queue;
    }

    public async Task<ReceivedMessage?> ReceiveAsync(TimeSpan maxWait) =>
        await Broker.Orders.ReceiveAsync(maxWait) is { } delivery ? new ReceivedMessage(delivery.Message, delivery) : null;

    public async Task<ReceivedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait) =>
        await Broker.DeadLetters.ReceiveAsync(maxWait) is { } delivery ? new ReceivedMessage(delivery.Message, delivery) : null;

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Sender.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
