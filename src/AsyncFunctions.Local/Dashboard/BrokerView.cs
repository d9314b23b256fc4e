namespace AsyncFunctions.Local.Dashboard;

/// <summary>The orders queue and its dead-letter queue, as the Service Bus runtime properties would show them (on RabbitMQ: the broker's counts, Scheduled = in the delay queues).</summary>
public sealed record BrokerView(int Active, int Scheduled, int Locked, int DuplicatesDropped, int DeadLetterActive, int DeadLetterLocked)
{
    /// <summary>
    /// Messages in the dead-letter sub-queue, being recorded or not (Service Bus's DeadLetterMessageCount, what the
    /// orders-dead-lettered alert watches): the broker's count, not the DeadLetters table, so a recorder that cannot
    /// keep up or cannot write shows here while the recorded list stays short.
    /// </summary>
    public int DeadLetterDepth => DeadLetterActive + DeadLetterLocked;
}
