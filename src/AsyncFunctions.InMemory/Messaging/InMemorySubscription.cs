namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// One subscription of an <see cref="InMemoryTopic"/>: its own peek-locked copy of every matching message, with its
/// own delivery count, lock duration and <c>$DeadLetterQueue</c>, as a Service Bus subscription has.
/// </summary>
public sealed class InMemorySubscription
{
    private readonly BrokerEntity _main;
    private readonly BrokerEntity _deadLetter;

    internal InMemorySubscription(string topic, string name, SubscriptionFilter filter, BrokerQueueOptions options, TimeProvider time, Func<long> nextSequenceNumber)
    {
        Name = name;
        Filter = filter;
        // Duplicates are dropped once, at the topic; each subscription gets what the topic accepted.
        // Subscriptions are never session-enabled (events are ordered by their per-order sequence number, not by
        // sessions), whatever the queue options they were made from say.
        var entityOptions = options with { DuplicateDetectionWindow = TimeSpan.Zero, RequiresSession = false };
        _deadLetter = new BrokerEntity($"{topic}/Subscriptions/{name}/$DeadLetterQueue", entityOptions, time, deadLetter: null, nextSequenceNumber);
        _main = new BrokerEntity($"{topic}/Subscriptions/{name}", entityOptions, time, _deadLetter, nextSequenceNumber);
    }

    public string Name { get; }

    public SubscriptionFilter Filter { get; }

    internal BrokerEntity Entity => _main;

    public Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _main.ReceiveAsync(maxWait, holder: null, cancellationToken);

    public Task<LockedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _deadLetter.ReceiveAsync(maxWait, holder: null, cancellationToken);

    public BrokerCounts Counts() => _main.Counts();
}
