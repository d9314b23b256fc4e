using AsyncFunctions.RabbitMq.Configuration;
using AsyncFunctions.RabbitMq.Topology;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AsyncFunctions.RabbitMq.Messaging;

/// <summary>
/// The one connection of a process, opened on first use with the client's automatic recovery on: when the
/// broker restarts, the client reconnects, reopens the channels and re-registers the consumers by itself. The
/// queues are declared once per connection, before anything is sent or consumed.
/// </summary>
public sealed class RabbitMqConnection(IOptions<RabbitMqOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    public QueueTopology Topology { get; } = new(options.Value.QueueName, options.Value.MaxDeliveryCount);

    public RabbitMqOptions Options => options.Value;

    /// <summary>False while the client's recovery is reconnecting (and before the first connection).</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
            return open;
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { } raced)
                return raced;
            var factory = new ConnectionFactory
            {
                Uri = options.Value.Uri,
                AutomaticRecoveryEnabled = true,
                TopologyRecoveryEnabled = true,
                NetworkRecoveryInterval = options.Value.RecoveryInterval,
                ClientProvidedName = "AsyncFunctions " + Environment.ProcessId,
            };
            var connection = await factory.CreateConnectionAsync(cancellationToken);
            await using (var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken))
                await TopologyDeclarer.DeclareAsync(channel, Topology, cancellationToken);
            _connection = connection;
            return connection;
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or OperationInterruptedException or ConnectFailureException)
        {
            throw new RabbitMqUnavailableException($"RabbitMQ at {Redacted(options.Value.Uri)} did not accept a connection: {ex.Message}", ex);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            connection.Dispose();
        }

        _opening.Dispose();
    }

    /// <summary>The URI without its password, for messages and logs.</summary>
    public static string Redacted(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : new UriBuilder(uri) { Password = "***" }.Uri.ToString();
    }
}
