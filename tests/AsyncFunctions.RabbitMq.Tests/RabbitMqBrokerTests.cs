using System.Text;
using AsyncFunctions.Core.Messaging;
using AsyncFunctions.Core.Resilience;
using AsyncFunctions.RabbitMq.Messaging;
using AsyncFunctions.Testing.RabbitMq;
using Xunit.Abstractions;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>What is RabbitMQ's own: queue depths, scheduling through the delay queues, a broker restart under the adapter.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqBrokerTests(RabbitMqFixture rabbit, ITestOutputHelper output)
{
    private static OutboundMessage Message(string id) => new(id, Encoding.UTF8.GetBytes("{}"));

    [Fact]
    public async Task ReadDepths_CountsReadyDelayedHeldAndDeadLettered()
    {
        await using var queue = await RabbitMqQueueUnderTest.CreateAsync(rabbit.AmqpUri);
        await queue.Publisher.SendAsync(Message("ready-1"));
        await queue.Publisher.SendAsync(Message("ready-2"));
        await queue.Publisher.SendAsync(Message("dead"));
        await queue.Publisher.SendAsync(Message("later") with { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddHours(3) });
        var first = await queue.Broker.Orders.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(first);

        // The consumer's prefetch holds the others too; dead-letter one, keep the rest unacknowledged.
        var held = new List<RabbitMqDelivery> { first };
        while (held.Count < 3 && await queue.Broker.Orders.ReceiveAsync(TimeSpan.FromSeconds(2)) is { } more)
            held.Add(more);
        await held.Single(d => d.Message.MessageId == "dead").DeadLetterAsync("InvalidOrder", "test");
        var depths = await queue.Broker.ReadDepthsAsync(CancellationToken.None);

        Assert.Equal(new QueueDepths(Ready: 0, Delayed: 1, Held: 2, DeadLetterReady: 1, DeadLetterHeld: 0), depths);
    }

    [Fact]
    public async Task Schedule_HoursAhead_WaitsInTheLongestDelayQueueNotInOrders()
    {
        await using var queue = await RabbitMqQueueUnderTest.CreateAsync(rabbit.AmqpUri);

        await queue.Publisher.SendAsync(Message("later") with { ScheduledEnqueueTime = DateTimeOffset.UtcNow.AddHours(5) });

        await using var connection = await rabbit.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var hour = await channel.QueueDeclarePassiveAsync(queue.Broker.Topology.DelayQueue(TimeSpan.FromHours(1)));
        var orders = await channel.QueueDeclarePassiveAsync(queue.Broker.Topology.Orders);
        Assert.Equal(1u, hour.MessageCount);
        Assert.Equal(0u, orders.MessageCount);
    }

    [Fact]
    public async Task BrokerRestarted_QueuedMessagesSurviveAndTheSameClientRecovers()
    {
        await using var queue = await RabbitMqQueueUnderTest.CreateAsync(rabbit.AmqpUri);
        for (var i = 0; i < 20; i++)
            await queue.Publisher.SendAsync(Message("before-" + i));
        var consumed = await queue.Broker.Orders.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(consumed);
        await consumed.CompleteAsync();
        var unacked = await queue.Broker.Orders.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(unacked);

        await rabbit.Rabbit.StopAsync();
        var whileDown = await Record.ExceptionAsync(() => queue.Publisher.SendAsync(Message("while-down")));
        await Assert.ThrowsAnyAsync<DeliveryLostException>(() => unacked.CompleteAsync());
        await rabbit.Rabbit.StartAgainAsync();

        // Down is transient to the core (the breaker counts it, intake still answers 202, the sweeper re-publishes).
        Assert.NotNull(whileDown);
        Assert.True(TransientFailures.IsTransient(whileDown), whileDown.ToString());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await SendWhenRecoveredAsync(queue.Publisher, Message("after"));
        output.WriteLine($"publisher recovered {clock.Elapsed.TotalSeconds:0.0} s after the broker was back");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await queue.Broker.Orders.ReceiveAsync(TimeSpan.FromSeconds(5)) is { } delivery)
        {
            ids.Add(delivery.Message.MessageId);
            await delivery.CompleteAsync();
        }

        // 19 left before (the unacknowledged one among them, redelivered), and the one sent after.
        Assert.Equal(20, ids.Count);
        Assert.Contains("after", ids);
        Assert.Contains(unacked.Message.MessageId, ids);
    }

    private static async Task SendWhenRecoveredAsync(IMessagePublisher publisher, OutboundMessage message)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await publisher.SendAsync(message);
                return;
            }
            catch (RabbitMqUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }
}
