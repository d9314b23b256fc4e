namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// Span tag names: OpenTelemetry's messaging and database conventions where they exist, ours under "dispatch.".
/// Only identifiers and outcomes are tagged, never customer data (no addresses, items or customer ids).
/// </summary>
public static class DispatchTags
{
    public const string MessagingSystem = "messaging.system";
    public const string MessagingOperationType = "messaging.operation.type";
    public const string MessagingOperationName = "messaging.operation.name";
    public const string MessagingDestination = "messaging.destination.name";
    public const string MessagingMessageId = "messaging.message.id";
    public const string MessagingDeliveryCount = "messaging.servicebus.message.delivery_count";
    public const string DbSystem = "db.system.name";
    public const string DbCollection = "db.collection.name";
    public const string DbOperation = "db.operation.name";

    public const string OrderId = "dispatch.order.id";
    public const string Zone = "dispatch.zone";
    public const string Attempt = "dispatch.attempt";
    public const string Reason = "dispatch.reason";
    public const string Outcome = "dispatch.outcome";
    public const string DriverId = "dispatch.driver.id";

    /// <summary>The value of <see cref="MessagingSystem"/>: the port is shaped like Service Bus on every broker.</summary>
    public const string ServiceBus = "servicebus";
}
