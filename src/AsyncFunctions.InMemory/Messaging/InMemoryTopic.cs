using AsyncFunctions.Core.Events;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// A Service Bus topic in process, implementing the <see cref="IEventPublisher"/> port: duplicate detection on
/// MessageId at the topic, then a copy of each accepted message in every subscription whose filter matches it.
/// A batch is accepted whole (as SendMessagesAsync is): a crash cannot leave half of one on the topic.
/// </summary>
public sealed class InMemoryTopic : IEventPublisher
{
    private readonly Lock _gate = new();
    private readonly List<InMemorySubscription> _subscriptions = [];
    private readonly DuplicateWindow _duplicates;
    private readonly TimeProvider _time;
    private long _sequence;
    private int _accepted;
    private int _duplicatesDropped;

    public InMemoryTopic(string name, BrokerQueueOptions? options = null, TimeProvider? time = null)
    {
        Name = name;
        Options = options ?? new BrokerQueueOptions();
        _time = time ?? TimeProvider.System;
        _duplicates = new DuplicateWindow(Options.DuplicateDetectionWindow);
    }

    public const string DefaultName = "order-events";

    public string Name { get; }

    public BrokerQueueOptions Options { get; }

    /// <summary>Messages the topic accepted (after duplicate detection).</summary>
    public int Accepted { get { lock (_gate) return _accepted; } }

    public int DuplicatesDropped { get { lock (_gate) return _duplicatesDropped; } }

    public IReadOnlyList<InMemorySubscription> Subscriptions { get { lock (_gate) return [.. _subscriptions]; } }

    /// <summary>Adds a subscription; it receives messages sent from now on, as a new Service Bus subscription does.</summary>
    public InMemorySubscription AddSubscription(string name, SubscriptionFilter filter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            if (_subscriptions.Any(s => s.Name == name))
                throw new InvalidOperationException($"Topic {Name} already has a subscription '{name}'.");
            var subscription = new InMemorySubscription(Name, name, filter, Options, _time, () => Interlocked.Increment(ref _sequence));
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Deletes a subscription with whatever it still holds, as deleting a Service Bus subscription does; false if it was already gone.</summary>
    public bool RemoveSubscription(InMemorySubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        lock (_gate)
            return _subscriptions.Remove(subscription);
    }

    public InMemorySubscription Subscription(string name)
    {
        lock (_gate)
            return _subscriptions.SingleOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"Topic {Name} has no subscription '{name}'.");
    }

    public Task PublishAsync(IReadOnlyList<OutboundMessage> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var message in events)
        {
            if (string.IsNullOrEmpty(message.MessageId) || message.MessageId.Length > 128)
                throw new ArgumentException("MessageId must be 1 to 128 characters, as Service Bus requires.", nameof(events));
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var message in events)
            {
                if (_duplicates.IsDuplicate(message.MessageId, now))
                {
                    _duplicatesDropped++;
                    continue;
                }

                _accepted++;
                foreach (var subscription in _subscriptions.Where(s => s.Filter.Matches(message)))
                    subscription.Entity.Send(message);
            }
        }

        return Task.CompletedTask;
    }
}
