using System.Threading.Channels;
using AsyncFunctions.RabbitMq.Topology;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// A consumer on one queue with manual acks, shaped like a peek-lock receiver: the broker pushes up to
/// Prefetch unacknowledged deliveries, <see cref="ReceiveAsync"/> hands them out one at a time. On the orders
/// queue a scheduled message that came back from its delay queue before it was due is sent on to the next
/// delay queue (confirmed, then acked) and never handed out. When the channel closes, the deliveries it held
/// are the broker's again (it requeues them, counting a return): those still buffered are dropped here and
/// settling one already handed out throws <see cref="DeliveryLostException"/>. A network failure is healed by
/// the client's recovery; a channel the broker closed (consumer_timeout) is reopened on the next receive.
/// </summary>
public sealed partial class RabbitMqReceiver : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);
    private readonly RabbitMqConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly bool _redelayEarly;
    private readonly SemaphoreSlim _starting = new(1, 1);
    private Channel<RabbitMqDelivery> _buffer = Channel.CreateUnbounded<RabbitMqDelivery>();
    private IChannel? _channel;
    private long _generation;
    private int _held;
    private bool _disposed;
    private volatile bool _closedByBroker;

    public RabbitMqReceiver(RabbitMqConnection connection, ConfirmedSender sender, string queue, string? deadLetterQueue, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        Sender = sender;
        Queue = queue;
        DeadLetterQueue = deadLetterQueue;
        _time = time;
        _logger = logger;
        _redelayEarly = deadLetterQueue is not null;
    }

    public string Queue { get; }

    /// <summary>Where <see cref="RabbitMqDelivery.DeadLetterAsync"/> sends; null on a dead-letter queue.</summary>
    public string? DeadLetterQueue { get; }

    /// <summary>Deliveries this receiver holds unacknowledged: buffered and handed out (the "locked" count).</summary>
    public int Held => Volatile.Read(ref _held);

    internal ConfirmedSender Sender { get; }

    internal long Generation => Interlocked.Read(ref _generation);

    /// <summary>The next delivery, or null when none came within <paramref name="maxWait"/> or the broker is unreachable (then after a pause).</summary>
    public async Task<RabbitMqDelivery?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        Channel<RabbitMqDelivery> buffer;
        try
        {
            buffer = await EnsureConsumingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RabbitMqUnavailableException or RabbitMQ.Client.Exceptions.OperationInterruptedException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            LogConsumeFailed(_logger, ex, Queue);
            await Task.Delay(maxWait < RetryAfterFailure ? maxWait : RetryAfterFailure, _time, cancellationToken);
            return null;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maxWait);
        try
        {
            while (true)
            {
                var delivery = await buffer.Reader.ReadAsync(wait.Token);
                if (delivery.Generation == Generation)
                    return delivery;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            // The channel closed while waiting; the next receive consumes on a new one.
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_channel is { } channel)
        {
            // Closing the channel hands every unacknowledged delivery back to the broker.
            if (channel.IsOpen)
                await channel.CloseAsync();
            await channel.DisposeAsync();
        }

        _starting.Dispose();
    }

    internal void Settled(long generation)
    {
        if (generation == Generation)
            Interlocked.Decrement(ref _held);
    }

    private async Task<Channel<RabbitMqDelivery>> EnsureConsumingAsync(CancellationToken cancellationToken)
    {
        if (_channel is not null && !_closedByBroker)
            return _buffer;
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_channel is not null && !_closedByBroker)
                return _buffer;
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_channel is { } closed)
            {
                LogReopening(_logger, Queue, closed.CloseReason?.ReplyText);
                await closed.DisposeAsync();
                _channel = null;
            }

            var connection = await _connection.GetAsync(cancellationToken);
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await channel.BasicQosAsync(0, (ushort)_connection.Options.Prefetch, global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, args) => OnDeliveredAsync(channel, args);
            channel.ChannelShutdownAsync += (_, _) => OnChannelLostAsync(channel);
            _buffer.Writer.TryComplete();
            _buffer = Channel.CreateUnbounded<RabbitMqDelivery>();
            _channel = channel;
            _closedByBroker = false;
            await channel.BasicConsumeAsync(Queue, autoAck: false, consumer, cancellationToken);
            return _buffer;
        }
        finally
        {
            _starting.Release();
        }
    }

    private async Task OnDeliveredAsync(IChannel channel, BasicDeliverEventArgs args)
    {
        // The body is the client's buffer, valid only during this call.
        var body = args.Body.ToArray();
        if (_redelayEarly && MessageConverter.DueAt(args.BasicProperties) is { } due && DelayBuckets.For(due - _time.GetUtcNow()) is { } bucket)
        {
            await RedelayAsync(channel, args, body, bucket);
            return;
        }

        Interlocked.Increment(ref _held);
        _buffer.Writer.TryWrite(new RabbitMqDelivery(this, channel, args.DeliveryTag, Generation, args.BasicProperties, body, Queue));
    }

    /// <summary>Back into the delay queue that fits, confirmed before the ack, so a crash in between leaves a copy in both and none lost.</summary>
    private async Task RedelayAsync(IChannel channel, BasicDeliverEventArgs args, byte[] body, TimeSpan bucket)
    {
        try
        {
            var copy = MessageConverter.CopyOf(args.BasicProperties, new Dictionary<string, object?>());
            await Sender.PublishAsync(_connection.Topology.DelayQueue(bucket), copy, body, CancellationToken.None);
            await channel.BasicAckAsync(args.DeliveryTag, multiple: false);
        }
        catch (Exception ex) when (ex is RabbitMqUnavailableException or RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // Handed back after a pause and delayed again on its next delivery; if the channel is gone, the broker has it already.
            LogRedelayFailed(_logger, ex, Queue, args.BasicProperties.MessageId);
            await Task.Delay(RetryAfterFailure, _time);
            try
            {
                await channel.BasicNackAsync(args.DeliveryTag, multiple: false, requeue: true);
            }
            catch (Exception nackFailure) when (nackFailure is RabbitMQ.Client.Exceptions.AlreadyClosedException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The channel closed: the broker requeued the message with it.
            }
        }
    }

    private Task OnChannelLostAsync(IChannel channel)
    {
        if (!ReferenceEquals(channel, _channel))
            return Task.CompletedTask;

        // The connection still up means the broker closed this channel alone (consumer_timeout, a channel error):
        // the client's recovery does not reopen such a channel, so the next receive opens a new one. A lost
        // connection takes its channels with it, and the recovery brings them back with their consumers.
        _closedByBroker = _connection.IsOpen && !_disposed;
        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _held, 0);
        while (_buffer.Reader.TryRead(out _))
        {
            // Requeued by the broker with the channel; whoever receives them next gets them again.
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: cannot consume, the broker is unavailable; trying again")]
    private static partial void LogConsumeFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: the broker closed the consumer's channel ({Reason}); consuming on a new one")]
    private static partial void LogReopening(ILogger logger, string queue, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Queue}: could not delay message {MessageId} again; handing it back to the broker")]
    private static partial void LogRedelayFailed(ILogger logger, Exception exception, string queue, string? messageId);
}
