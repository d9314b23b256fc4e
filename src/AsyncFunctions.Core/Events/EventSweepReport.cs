namespace AsyncFunctions.Core.Events;

/// <summary>What one sweep of the event outbox did: events relayed, and pending markers left to the hot path as too fresh.</summary>
public sealed record EventSweepReport(int Relayed, int Fresh);
