namespace AsyncFunctions.Core.Events;

/// <summary>What one sweep of the event outbox did: events relayed, pending markers left to the hot path as too fresh.</summary>
public sealed record EventSweepReport(int Relayed, int Fresh)
{
    /// <summary>Events (or partitions) whose relay failed this time; the next sweep tries them again.</summary>
    public int Failed { get; init; }

    /// <summary>The bus or the tables were down: nothing was tried.</summary>
    public bool PausedByOutage { get; init; }
}
