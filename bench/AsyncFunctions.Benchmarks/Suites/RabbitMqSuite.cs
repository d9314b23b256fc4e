using System.Collections.Concurrent;
using AsyncFunctions.Benchmarks.Cli;
using AsyncFunctions.Benchmarks.Measuring;
using AsyncFunctions.Benchmarks.Systems;
using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Intake;
using AsyncFunctions.Testing.RabbitMq;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace AsyncFunctions.Benchmarks.Suites;

/// <summary>
/// The pipeline suite (submit → Assigned, the same closed loop) on RabbitMQ, beside the in-memory broker in the
/// same run, and beside RabbitMQ's own publish → consume → ack rate driven directly with RabbitMQ.Client (the
/// floor: what the broker and client cost with no core at all). It starts a RabbitMQ node of its own.
/// </summary>
internal static class RabbitMqSuite
{
    public static async Task RunAsync(BenchArguments arguments, BenchReport report)
    {
        var orders = arguments.Quick ? 500 : 3_000;
        var limit = TimeSpan.FromSeconds(arguments.Quick ? 5 : 15);
        await using var rabbit = await RabbitMqProcess.StartAsync();
        await using var adapter = new RabbitMqBench(rabbit.AmqpUri, "bench-orders");
        await using var memory = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, PipelineSuite.Zones, PipelineSuite.DriversPerZone);
        await using var onRabbit = await BenchSystem.StartAsync(CoreVariant.Current, withBroker: true, PipelineSuite.Zones, PipelineSuite.DriversPerZone, publisher: adapter.Publisher);
        await using var floor = await RawFloor.StartAsync(rabbit.AmqpUri);

        BenchReport.Section(
            $"rabbitmq: submit → Assigned, {PipelineSuite.InFlight} orders in flight, {PipelineSuite.Consumers} consumers, {orders} orders or {limit.TotalSeconds:F0} s per run; RabbitMQ 3.10 on this machine",
            "the same pipeline on the in-memory broker");
        var (inMemory, rabbitMq) = await Alternation.RunAsync(arguments.RoundCount,
            () => PipelineSuite.BrokeredAsync(memory, orders, limit),
            () => OnRabbitMqAsync(onRabbit, adapter, orders, limit));
        report.Add(new Figure("rabbitmq", "orders assigned per second", Median(rabbitMq, s => s.OrdersPerSecond), Median(inMemory, s => s.OrdersPerSecond), "orders/s", null));
        report.Add(new Figure("rabbitmq", "latency p50 (submit → Assigned)", Median(rabbitMq, s => s.P50Ms), Median(inMemory, s => s.P50Ms), "ms", null));
        report.Add(new Figure("rabbitmq", "latency p99 (submit → Assigned)", Median(rabbitMq, s => s.P99Ms), Median(inMemory, s => s.P99Ms), "ms", null));

        BenchReport.Section(
            $"rabbitmq floor: the pipeline on RabbitMQ against publish (confirmed) → consume → ack of the same message size, {PipelineSuite.InFlight} in flight, RabbitMQ.Client only",
            "RabbitMQ.Client alone: a confirmed publish to a quorum queue, a consumer acks it, the loop waits for the ack");
        var (raw, pipeline) = await Alternation.RunAsync(arguments.RoundCount,
            () => floor.RunAsync(orders, limit),
            () => OnRabbitMqAsync(onRabbit, adapter, orders, limit));
        report.Add(new Figure("rabbitmq", "messages (orders) per second vs the floor", Median(pipeline, s => s.OrdersPerSecond), Median(raw, s => s.OrdersPerSecond), "per s", null));
        report.Add(new Figure("rabbitmq", "latency p50 vs the floor", Median(pipeline, s => s.P50Ms), Median(raw, s => s.P50Ms), "ms", null));
    }

    private static double Median(List<PipelineSample> samples, Func<PipelineSample, double> value) => Samples.Median([.. samples.Select(value)]);

    /// <summary>Intake publishes through the adapter; consumers receive from its receiver and the processor settles (acks) on it.</summary>
    private static async Task<PipelineSample> OnRabbitMqAsync(BenchSystem system, RabbitMqBench adapter, int orders, TimeSpan limit)
    {
        var intake = system.Get<OrderIntake>();
        var processor = system.Get<OrderMessageProcessor>();
        var waiting = new ConcurrentDictionary<string, TaskCompletionSource<bool>>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var consumers = Enumerable.Range(0, PipelineSuite.Consumers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var delivery = await adapter.Broker.Orders.ReceiveAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                if (delivery is null)
                    continue;
                var outcome = await processor.ProcessAsync(delivery.Message, delivery, CancellationToken.None);
                if (waiting.TryRemove(delivery.Message.MessageId, out var done))
                    done.TrySetResult(outcome is MessageOutcome.Complete);
            }
        })).ToArray();
        try
        {
            return await PipelineSuite.ClosedLoopAsync(orders, limit, async () =>
            {
                var (id, body) = OrderBodies.Next(PipelineSuite.Zones);
                var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting[id] = done;
                await intake.SubmitAsync(body, null, "bench", null, CancellationToken.None);
                return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            });
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(consumers);
        }
    }

    /// <summary>RabbitMQ.Client alone on a quorum queue: one confirming channel per loop, one consumer channel with manual acks.</summary>
    private sealed class RawFloor : IAsyncDisposable
    {
        private const string Queue = "bench-floor";
        private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _waiting = new(StringComparer.Ordinal);
        private readonly IConnection _connection;
        private readonly IChannel _consumer;
        private readonly IChannel[] _publishers;
        private readonly byte[] _body;

        private RawFloor(IConnection connection, IChannel consumer, IChannel[] publishers)
        {
            _connection = connection;
            _consumer = consumer;
            _publishers = publishers;
            _body = OrderBodies.Next(PipelineSuite.Zones).Body;
        }

        public static async Task<RawFloor> StartAsync(Uri uri)
        {
            var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync();
            var consumer = await connection.CreateChannelAsync();
            await consumer.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
            await consumer.BasicQosAsync(0, 16, global: false);
            var publishers = new IChannel[PipelineSuite.InFlight];
            for (var i = 0; i < publishers.Length; i++)
                publishers[i] = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var floor = new RawFloor(connection, consumer, publishers);
            var handler = new AsyncEventingBasicConsumer(consumer);
            handler.ReceivedAsync += floor.OnReceivedAsync;
            await consumer.BasicConsumeAsync(Queue, autoAck: false, handler);
            return floor;
        }

        public Task<PipelineSample> RunAsync(int messages, TimeSpan limit)
        {
            var next = -1;
            return PipelineSuite.ClosedLoopAsync(messages, limit, async () =>
            {
                var id = Guid.NewGuid().ToString("N");
                var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting[id] = done;
                var channel = _publishers[(Interlocked.Increment(ref next) & int.MaxValue) % _publishers.Length];
                var properties = new BasicProperties { MessageId = id, ContentType = "application/json", Persistent = true };
                await channel.BasicPublishAsync("", Queue, mandatory: true, properties, _body);
                return await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
            });
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var channel in _publishers)
                await channel.DisposeAsync();
            await _consumer.DisposeAsync();
            await _connection.CloseAsync();
            _connection.Dispose();
        }

        private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs args)
        {
            await _consumer.BasicAckAsync(args.DeliveryTag, multiple: false);
            if (args.BasicProperties.MessageId is { } id && _waiting.TryRemove(id, out var done))
                done.TrySetResult(true);
        }
    }
}
