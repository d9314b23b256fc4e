namespace AsyncFunctions.InMemory.Messaging;

/// <summary>The queue properties that shape delivery, with the values infra/ sets on the real queue.</summary>
public sealed record BrokerQueueOptions
{
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxDeliveryCount { get; init; } = 10;

    public TimeSpan DuplicateDetectionWindow { get; init; } = TimeSpan.FromHours(1);
}
