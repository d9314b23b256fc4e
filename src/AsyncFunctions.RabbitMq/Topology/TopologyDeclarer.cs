using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AsyncFunctions.RabbitMq.Topology;

/// <summary>Declares every queue of a <see cref="QueueTopology"/>; declaring an existing queue with the same arguments is a no-op, so every start does it.</summary>
public static class TopologyDeclarer
{
    public static async Task DeclareAsync(IChannel channel, QueueTopology topology, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(topology);
        try
        {
            await channel.QueueDeclareAsync(topology.DeadLetter, durable: true, exclusive: false, autoDelete: false, QueueTopology.DeadLetterArguments(), cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(topology.Orders, durable: true, exclusive: false, autoDelete: false, topology.OrdersArguments(), cancellationToken: cancellationToken);
            foreach (var bucket in DelayBuckets.All)
                await channel.QueueDeclareAsync(topology.DelayQueue(bucket), durable: true, exclusive: false, autoDelete: false, topology.DelayArguments(bucket), cancellationToken: cancellationToken);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 406)
        {
            throw new InvalidOperationException(
                $"RabbitMQ refused to declare the queues of '{topology.Orders}' ({ex.ShutdownReason.ReplyText}): a queue of that name exists with other arguments. " +
                "Delete it (rabbitmqctl delete_queue) or choose another RabbitMq:QueueName.", ex);
        }
    }
}
