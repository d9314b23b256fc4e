using AsyncFunctions.RabbitMq.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsyncFunctions.RabbitMq.Configuration;

/// <summary>
/// Connects and declares the queues when the host starts, so a broker that is not running stops the host
/// with a message that says where it looked, instead of every send failing later.
/// </summary>
public sealed partial class RabbitMqStartup(RabbitMqConnection connection, ILogger<RabbitMqStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = connection.Options;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        RabbitMqUnavailableException? last = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                await connection.GetAsync(deadline.Token);
                LogConnected(logger, RabbitMqConnection.Redacted(options.Uri), connection.Topology.Orders);
                return;
            }
            catch (RabbitMqUnavailableException ex)
            {
                last = ex;
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException(
            $"RabbitMQ did not answer at {RabbitMqConnection.Redacted(options.Uri)} within {options.StartupTimeout.TotalSeconds:0} s. " +
            "Start it (README: \"On RabbitMQ\"; Debian: apt-get install rabbitmq-server, then rabbitmq-server) or pass another --broker amqp://… URI.", last);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "RabbitMQ at {Uri}: connected, queues of {Queue} declared")]
    private static partial void LogConnected(ILogger logger, string uri, string queue);
}
