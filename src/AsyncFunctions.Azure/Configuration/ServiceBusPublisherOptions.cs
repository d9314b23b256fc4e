using System.Diagnostics.CodeAnalysis;

namespace AsyncFunctions.Azure.Configuration;

/// <summary>
/// The Service Bus connection the publisher shares with the triggers: the same "ServiceBusConnection"
/// setting, read the way the Functions host reads it (a value is a connection string, otherwise
/// ServiceBusConnection__fullyQualifiedNamespace with the app's identity), and the queue OrdersQueueName.
/// </summary>
public sealed class ServiceBusPublisherOptions
{
    /// <summary>The connection name used in <c>Connection = "ServiceBusConnection"</c> on the triggers.</summary>
    public const string ConnectionName = "ServiceBusConnection";

    public const string QueueSetting = "OrdersQueueName";

    /// <summary>ServiceBusConnection as a value: a connection string, for the Service Bus emulator or local runs only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>ServiceBusConnection__fullyQualifiedNamespace, for example sb-xyz.servicebus.windows.net.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    public string? QueueName { get; set; }

    /// <summary>The topic order events go to (EventsTopicName; default order-events).</summary>
    public string EventsTopicName { get; set; } = "order-events";

    public const string EventsTopicSetting = "EventsTopicName";

    [MemberNotNullWhen(true, nameof(ConnectionString))]
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public bool IsConfigured => UsesConnectionString || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);

    public const string MissingMessage =
        "Service Bus is not configured: set ServiceBusConnection__fullyQualifiedNamespace (Azure, identity-based) or ServiceBusConnection to a connection string (the emulator or local runs only).";

    public const string MissingQueueMessage = "OrdersQueueName is not set: name the orders queue the triggers listen to and the app publishes to.";
}
