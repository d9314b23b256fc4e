using AsyncFunctions.RabbitMq.Topology;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// The receiving side of one orders queue: a receiver on the queue, one on its dead-letter queue, and the
/// queue depths the broker reports (a passive declare answers with the ready count; it never creates a queue).
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    private readonly RabbitMqConnection _connection;
    private readonly SemaphoreSlim _counting = new(1, 1);
    private IChannel? _countChannel;

    public RabbitMqBroker(RabbitMqConnection connection, ConfirmedSender sender, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(loggers);
        _connection = connection;
        var topology = connection.Topology;
        var logger = loggers.CreateLogger<RabbitMqReceiver>();
        Orders = new RabbitMqReceiver(connection, sender, topology.Orders, topology.DeadLetter, time, logger);
        DeadLetters = new RabbitMqReceiver(connection, sender, topology.DeadLetter, deadLetterQueue: null, time, logger);
    }

    public QueueTopology Topology => _connection.Topology;

    public RabbitMqReceiver Orders { get; }

    public RabbitMqReceiver DeadLetters { get; }

    public async Task<QueueDepths> ReadDepthsAsync(CancellationToken cancellationToken)
    {
        await _counting.WaitAsync(cancellationToken);
        try
        {
            if (_countChannel is not { IsOpen: true })
            {
                if (_countChannel is not null)
                    await _countChannel.DisposeAsync();
                var connection = await _connection.GetAsync(cancellationToken);
                _countChannel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            }

            var ready = await CountAsync(Topology.Orders, cancellationToken);
            long delayed = 0;
            foreach (var queue in Topology.DelayQueues)
                delayed += await CountAsync(queue, cancellationToken);
            var deadLetters = await CountAsync(Topology.DeadLetter, cancellationToken);
            return new QueueDepths(ready, delayed, Orders.Held, deadLetters, DeadLetters.Held);
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException)
        {
            throw new RabbitMqUnavailableException("RabbitMQ did not report the queue depths: " + ex.Message, ex);
        }
        finally
        {
            _counting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Orders.DisposeAsync();
        await DeadLetters.DisposeAsync();
        if (_countChannel is not null)
            await _countChannel.DisposeAsync();
        _counting.Dispose();
    }

    private async Task<long> CountAsync(string queue, CancellationToken cancellationToken) =>
        (await _countChannel!.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
}
