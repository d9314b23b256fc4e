using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// A Service Bus queue with its <c>$DeadLetterQueue</c> sub-queue, in process. Sending implements
/// the <see cref="IMessagePublisher"/> port; receivers get peek-locked <see cref="LockedMessage"/>s.
/// </summary>
public sealed class InMemoryQueue : IMessagePublisher
{
    private readonly BrokerEntity _main;
    private readonly BrokerEntity _deadLetter;
    private long _sequence;

    public InMemoryQueue(string name, BrokerQueueOptions? options = null, TimeProvider? time = null)
    {
        Name = name;
        Options = options ?? new BrokerQueueOptions();
        var clock = time ?? TimeProvider.System;
        _deadLetter = new BrokerEntity($"{name}/$DeadLetterQueue", Options, clock, deadLetter: null, NextSequenceNumber);
        _main = new BrokerEntity(name, Options, clock, _deadLetter, NextSequenceNumber);
    }

    public string Name { get; }

    public BrokerQueueOptions Options { get; }

    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrEmpty(message.MessageId) || message.MessageId.Length > 128)
            throw new ArgumentException("MessageId must be 1 to 128 characters, as Service Bus requires.", nameof(message));
        _main.Send(message);
        return Task.CompletedTask;
    }

    public Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _main.ReceiveAsync(maxWait, cancellationToken);

    public Task<LockedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _deadLetter.ReceiveAsync(maxWait, cancellationToken);

    public BrokerCounts Counts() => _main.Counts();

    public BrokerCounts DeadLetterCounts() => _deadLetter.Counts();

    private long NextSequenceNumber() => Interlocked.Increment(ref _sequence);
}
