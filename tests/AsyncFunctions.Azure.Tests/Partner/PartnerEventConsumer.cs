using System.Globalization;
using System.Text.Json;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Tests.Partner;

// The partner's consumer quoted in docs/events.md ("How a partner subscribes"). It is compiled and run here
// (PartnerEventConsumerTests) so the documented example cannot rot. It uses nothing of this repository.

/// <summary>One order event as a partner reads it: the CloudEvents attributes are application properties (AMQP binary mode).</summary>
public sealed record PartnerOrderEvent(string Id, string Type, string OrderId, int Sequence, DateTimeOffset Time, JsonElement Data)
{
    public static PartnerOrderEvent From(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var properties = message.ApplicationProperties;
        using var data = JsonDocument.Parse(message.Body.ToMemory());
        return new PartnerOrderEvent(
            (string)properties["cloudEvents:id"],
            (string)properties["cloudEvents:type"],
            (string)properties["cloudEvents:subject"],
            int.Parse((string)properties["cloudEvents:sequence"], NumberStyles.None, CultureInfo.InvariantCulture),
            properties["cloudEvents:time"] is DateTimeOffset time ? time : new DateTimeOffset((DateTime)properties["cloudEvents:time"]),
            data.RootElement.Clone());
    }
}

/// <summary>
/// What a partner keeps per order: delivery is at least once and not always in order, so it drops an id it has seen
/// and takes the event with the highest sequence as the order's current state.
/// </summary>
public sealed class PartnerOrderBook
{
    private readonly Dictionary<string, (HashSet<string> Seen, PartnerOrderEvent Latest)> _orders = new(StringComparer.Ordinal);

    /// <summary>False for a duplicate (an id seen before); true otherwise, also for an event older than the latest.</summary>
    public bool Apply(PartnerOrderEvent orderEvent)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        if (!_orders.TryGetValue(orderEvent.OrderId, out var order))
        {
            _orders[orderEvent.OrderId] = ([orderEvent.Id], orderEvent);
            return true;
        }

        if (!order.Seen.Add(orderEvent.Id))
            return false;
        if (orderEvent.Sequence > order.Latest.Sequence)
            _orders[orderEvent.OrderId] = (order.Seen, orderEvent);
        return true;
    }

    public PartnerOrderEvent? Latest(string orderId) => _orders.TryGetValue(orderId, out var order) ? order.Latest : null;
}

public static class PartnerEventConsumer
{
    // A partner with "Azure Service Bus Data Receiver" on its own subscription signs in with its own identity.
    public static ServiceBusClient Connect(string fullyQualifiedNamespace) =>
        new(fullyQualifiedNamespace, new DefaultAzureCredential());

    /// <summary>Reads the partner's subscription (named after its source) with peek-lock: completes what it handled, abandons what failed.</summary>
    public static ServiceBusProcessor Start(ServiceBusClient client, string subscription, PartnerOrderBook book,
        Func<PartnerOrderEvent, Task> onEvent, Func<ProcessErrorEventArgs, Task> onError)
    {
        ArgumentNullException.ThrowIfNull(client);
        var processor = client.CreateProcessor("order-events", subscription, new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxConcurrentCalls = 1,  // one at a time keeps the book simple; the sequence still decides, not arrival
        });
        processor.ProcessMessageAsync += args => HandleAsync(args.Message, book, onEvent, args.CompleteMessageAsync);
        processor.ProcessErrorAsync += onError;
        return processor;  // await processor.StartProcessingAsync() to begin
    }

    /// <summary>One delivery: read it, apply it once, complete it. An exception leaves it locked, so Service Bus redelivers it.</summary>
    public static async Task HandleAsync(ServiceBusReceivedMessage message, PartnerOrderBook book, Func<PartnerOrderEvent, Task> onEvent,
        Func<ServiceBusReceivedMessage, CancellationToken, Task> complete)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(onEvent);
        ArgumentNullException.ThrowIfNull(complete);
        var orderEvent = PartnerOrderEvent.From(message);
        if (book.Apply(orderEvent))
            await onEvent(orderEvent);
        await complete(message, CancellationToken.None);
    }
}
