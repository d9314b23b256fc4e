namespace AsyncFunctions.Local.Dashboard;

/// <summary>The orders queue and its dead-letter queue, as the Service Bus runtime properties would show them (on RabbitMQ: the broker's counts, Scheduled = in the delay queues).</summary>
public sealed record BrokerView(int Active, int Scheduled, int Locked, int DuplicatesDropped, int DeadLetterActive, int DeadLetterLocked);
