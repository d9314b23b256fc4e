namespace AsyncFunctions.LoadGen.Follow;

/// <summary>
/// What a run needs of one order event: which order, which change, its place in the order's history, when it
/// happened (server clock), and the order's status after it (the event's data.status; null for a refusal, which has no order).
/// </summary>
public sealed record FollowedEvent(string Id, string Type, string OrderId, int Sequence, DateTimeOffset Time, string? Status);
