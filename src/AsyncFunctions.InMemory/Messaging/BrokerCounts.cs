namespace AsyncFunctions.InMemory.Messaging;

/// <summary>A snapshot of where an entity's messages are (like the runtime properties of a queue).</summary>
public sealed record BrokerCounts(int Active, int Scheduled, int Locked, int DuplicatesDropped);
