namespace AsyncFunctions.Local.Dashboard;

/// <summary>The in-process queue and its dead-letter sub-queue, as the Service Bus runtime properties would show them.</summary>
public sealed record BrokerView(int Active, int Scheduled, int Locked, int DuplicatesDropped, int DeadLetterActive, int DeadLetterLocked);
