using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// Publishes with publisher confirms on a small pool of channels: a send returns only once the broker has
/// the message (for a quorum queue: on a majority of its replicas), and throws if it was refused or could not
/// be routed (mandatory). A channel the broker closed is replaced on its next use.
/// </summary>
public sealed class ConfirmedSender(RabbitMqConnection connection) : IAsyncDisposable
{
    private readonly Channel<IChannel?> _pool = CreatePool(connection.Options.PublishChannels);

    public async Task PublishAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var channel = await _pool.Reader.ReadAsync(cancellationToken);
        try
        {
            if (channel is null || (channel.IsClosed && !IsRecovering(channel)))
            {
                if (channel is not null)
                    await channel.DisposeAsync();
                channel = null;
                var open = await connection.GetAsync(cancellationToken);
                channel = await open.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            }

            await channel.BasicPublishAsync(exchange: "", routingKey: queue, mandatory: true, basicProperties: properties, body: body, cancellationToken: cancellationToken);
        }
        catch (PublishException ex)
        {
            throw new RabbitMqUnavailableException(ex.IsReturn
                ? $"RabbitMQ could not route the message to queue '{queue}' (returned: the queue does not exist)."
                : $"RabbitMQ refused the message for queue '{queue}' (nack).", ex);
        }
        catch (Exception ex) when (ex is OperationInterruptedException or AlreadyClosedException or BrokerUnreachableException or IOException && ex is not RabbitMqUnavailableException)
        {
            throw new RabbitMqUnavailableException($"RabbitMQ did not confirm the message for queue '{queue}': {ex.Message}", ex);
        }
        finally
        {
            _pool.Writer.TryWrite(channel);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pool.Writer.TryComplete();
        while (_pool.Reader.TryRead(out var channel))
        {
            if (channel is not null)
                await channel.DisposeAsync();
        }
    }

    /// <summary>A channel closed by a network failure is reopened by the client's recovery; one closed by the broker (a channel error) is not.</summary>
    private static bool IsRecovering(IChannel channel) => channel.CloseReason?.Initiator == ShutdownInitiator.Library;

    private static Channel<IChannel?> CreatePool(int size)
    {
        var pool = Channel.CreateBounded<IChannel?>(size);
        for (var i = 0; i < size; i++)
            pool.Writer.TryWrite(null);
        return pool;
    }
}
