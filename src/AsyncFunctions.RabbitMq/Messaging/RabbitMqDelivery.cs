using AsyncFunctions.Core.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// One unacknowledged delivery: the message and its settlement. Complete is an ack; abandon a nack with
/// requeue (the quorum queue counts it, and dead-letters past its delivery limit); dead-letter publishes a
/// copy with the reason to the dead-letter queue, waits for the confirm, then acks. A crash between the two
/// leaves the message in the queue and one dead letter already recorded: the recorder treats the second as
/// the duplicate it is. There is no lock to expire: the broker holds the delivery for as long as its channel
/// lives (and until its consumer_timeout).
/// </summary>
public sealed class RabbitMqDelivery : IMessageSettlement
{
    private readonly RabbitMqReceiver _receiver;
    private readonly IChannel _channel;
    private readonly ulong _deliveryTag;
    private readonly long _generation;
    private readonly IReadOnlyBasicProperties _properties;
    private int _settled;

    internal RabbitMqDelivery(RabbitMqReceiver receiver, IChannel channel, ulong deliveryTag, long generation, IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body, string queue)
    {
        _receiver = receiver;
        _channel = channel;
        _deliveryTag = deliveryTag;
        _generation = generation;
        _properties = properties;
        Message = MessageConverter.ToInbound(properties, body, queue);
    }

    public InboundMessage Message { get; }

    internal long Generation => _generation;

    public Task CompleteAsync(CancellationToken cancellationToken = default) =>
        SettleAsync(() => _channel.BasicAckAsync(_deliveryTag, multiple: false, cancellationToken));

    public Task AbandonAsync(CancellationToken cancellationToken = default) =>
        SettleAsync(() => _channel.BasicNackAsync(_deliveryTag, multiple: false, requeue: true, cancellationToken));

    public async Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default)
    {
        var deadLetterQueue = _receiver.DeadLetterQueue
            ?? throw new InvalidOperationException($"{_receiver.Queue} is a dead-letter queue; it has no dead-letter queue of its own.");
        EnsureHeld();
        var copy = MessageConverter.CopyOf(_properties, new Dictionary<string, object?>
        {
            [MessageHeaders.DeadLetterReason] = reason,
            [MessageHeaders.DeadLetterDescription] = description,
            [MessageHeaders.DeadLetterSource] = _receiver.Queue,
            [MessageHeaders.DeadLetterDeliveryCount] = Message.DeliveryCount,
            [MessageHeaders.DueAt] = null,
        });
        await _receiver.Sender.PublishAsync(deadLetterQueue, copy, Message.Body, cancellationToken);
        await SettleAsync(() => _channel.BasicAckAsync(_deliveryTag, multiple: false, cancellationToken));
    }

    private void EnsureHeld()
    {
        if (Volatile.Read(ref _settled) == 1 || _receiver.Generation != _generation)
            throw new DeliveryLostException();
    }

    private async Task SettleAsync(Func<ValueTask> settle)
    {
        // A second settlement, or one after the channel was lost, must not reach the broker: an unknown delivery tag closes the whole channel.
        if (_receiver.Generation != _generation || Interlocked.Exchange(ref _settled, 1) == 1)
            throw new DeliveryLostException();
        try
        {
            await settle();
        }
        catch (Exception ex) when (ex is AlreadyClosedException or OperationInterruptedException or IOException)
        {
            throw new DeliveryLostException("The channel closed before the settlement reached the broker; it requeues the message.", ex);
        }
        finally
        {
            _receiver.Settled(_generation);
        }
    }
}
