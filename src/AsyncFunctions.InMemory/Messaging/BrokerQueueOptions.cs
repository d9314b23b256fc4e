namespace AsyncFunctions.InMemory.Messaging;

/// <summary>The queue properties that shape delivery, with the values infra/ sets on the real queue.</summary>
public sealed record BrokerQueueOptions
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryCount { get; init; } = 10;

    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Session-enabled, as infra/ makes the orders queue: a send without a SessionId is refused, and each session is
    /// served by one <see cref="SessionHolder"/> at a time. Off by default, so a test that is not about sessions
    /// receives without a holder.
    /// </summary>
    public bool RequiresSession { get; init; }
}
