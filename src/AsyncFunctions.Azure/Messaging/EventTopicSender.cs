using Azure.Messaging.ServiceBus;

namespace AsyncFunctions.Azure.Messaging;

/// <summary>The sender on the events topic, kept apart from the orders queue's sender in the container.</summary>
public sealed record EventTopicSender(ServiceBusSender Sender);
