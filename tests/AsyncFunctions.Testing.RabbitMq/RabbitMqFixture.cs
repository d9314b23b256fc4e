using RabbitMQ.Client;

namespace AsyncFunctions.Testing.RabbitMq;

/// <summary>
/// One RabbitMQ node for a whole test collection (an Erlang node takes 10 s or more to boot here), with a
/// short consumer_timeout so the suite can show what it does. Tests isolate themselves by queue name.
/// </summary>
public class RabbitMqFixture : IAsyncLifetime
{
    /// <summary>Short enough to watch, long enough that no ordinary test comes near it.</summary>
    public static readonly TimeSpan ConsumerTimeout = TimeSpan.FromSeconds(15);

    private RabbitMqProcess? _rabbit;

    public RabbitMqProcess Rabbit => _rabbit ?? throw new InvalidOperationException("RabbitMQ has not started.");

    public Uri AmqpUri => Rabbit.AmqpUri;

    public Task<IConnection> ConnectAsync() => new ConnectionFactory { Uri = AmqpUri }.CreateConnectionAsync();

    public async Task InitializeAsync() => _rabbit = await RabbitMqProcess.StartAsync(ConsumerTimeout);

    public async Task DisposeAsync()
    {
        if (_rabbit is not null)
            await _rabbit.DisposeAsync();
    }
}
