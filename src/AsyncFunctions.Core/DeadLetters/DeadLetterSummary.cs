namespace AsyncFunctions.Core.DeadLetters;

/// <summary>One row of GET /api/deadletters.</summary>
public sealed record DeadLetterSummary(
    string Id,
    string? OrderId,
    string Reason,
    string Description,
    int DeliveryCount,
    DateTimeOffset DeadLetteredAt,
    DateTimeOffset? ReplayedAt,
    string? Source,
    bool BodyTruncated);
