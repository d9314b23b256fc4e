using System.Runtime.CompilerServices;
using System.Text.Json;
using AsyncFunctions.Core.Events;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.LoadGen.Follow;

/// <summary>
/// A subscription of the order-events topic in Azure, read with peek-lock and completed after reading, as a
/// partner reads its own (docs/events.md). The subscription exists before the run and keeps every event from
/// then on, so there is nothing to wait for at connect; what it held before the run is about other orders.
/// </summary>
public sealed class ServiceBusEventFeed : IOrderEventFeed
{
    public const string TopicName = "order-events";

    private const int BatchSize = 100;
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    private readonly ServiceBusClient? _client;
    private readonly ServiceBusReceiver _receiver;

    public ServiceBusEventFeed(string fullyQualifiedNamespace, string subscription)
    {
        _client = new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential());
        _receiver = _client.CreateReceiver(TopicName, subscription, new ServiceBusReceiverOptions { PrefetchCount = BatchSize * 2 });
    }

    /// <summary>A feed over a receiver made elsewhere (the tests' fake); disposing disposes the receiver only.</summary>
    internal ServiceBusEventFeed(ServiceBusReceiver receiver) => _receiver = receiver;

    /// <summary>The subscription read, as Service Bus names it.</summary>
    public string EntityPath => _receiver.EntityPath;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A first look opens the link and checks the identity's role on the subscription before any order is sent.
            await _receiver.PeekMessageAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is ServiceBusException or UnauthorizedAccessException or AuthenticationFailedException)
        {
            throw new OrderEventFeedException($"cannot read {_receiver.EntityPath} on {_receiver.FullyQualifiedNamespace} ({ex.Message}).", ex);
        }
    }

    public async IAsyncEnumerable<FollowedEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var message in await ReceiveAsync(cancellationToken))
            {
                var followed = TryDecode(message);
                await CompleteAsync(message, cancellationToken);
                if (followed is not null)
                    yield return followed;
            }
        }
    }

    private async Task<IReadOnlyList<ServiceBusReceivedMessage>> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _receiver.ReceiveMessagesAsync(BatchSize, ReceiveWait, cancellationToken);
        }
        catch (ServiceBusException ex) when (ex.IsTransient)
        {
            // The client has retried already; an empty batch tries once more on the next turn.
            return [];
        }
        catch (Exception ex) when (ex is ServiceBusException or UnauthorizedAccessException)
        {
            throw new OrderEventFeedException($"reading {_receiver.EntityPath} failed ({ex.Message}).", ex);
        }
    }

    private async Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _receiver.CompleteMessageAsync(message, cancellationToken);
        }
        catch (ServiceBusException ex) when (ex.Reason == ServiceBusFailureReason.MessageLockLost || ex.IsTransient)
        {
            // Delivered again later: the run counts an order's first DriverAssigned only.
        }
        catch (ServiceBusException ex)
        {
            throw new OrderEventFeedException($"completing on {_receiver.EntityPath} failed ({ex.Message}).", ex);
        }
    }

    /// <summary>The event a message carries, or null when it is not one of the order events (it is completed and skipped).</summary>
    public static FollowedEvent? TryDecode(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return FollowedEvents.FromReceived(CloudEventMessages.Read(message.ApplicationProperties, message.Body.ToMemory()));
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        if (_client is not null)
            await _client.DisposeAsync();
    }
}
