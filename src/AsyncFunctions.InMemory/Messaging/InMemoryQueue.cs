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

    /// <summary>Receives from a queue without sessions; a session-enabled one throws (receive through a <see cref="SessionHolder"/>).</summary>
    public Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _main.ReceiveAsync(maxWait, holder: null, cancellationToken);

    /// <summary>
    /// Receives the oldest message <paramref name="holder"/> may take: of a session it holds, or of one nobody holds,
    /// which it then holds until it lets it go (see <see cref="SessionHolder"/>). On a queue without sessions the
    /// holder is ignored.
    /// </summary>
    public Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, SessionHolder holder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return _main.ReceiveAsync(maxWait, _main.RequiresSession ? holder : null, cancellationToken);
    }

    /// <summary>The sessions <paramref name="holder"/> holds now (none on a queue without sessions).</summary>
    public IReadOnlyList<string> SessionsHeldBy(SessionHolder holder) => _main.SessionsHeldBy(holder);

    public Task<LockedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        _deadLetter.ReceiveAsync(maxWait, holder: null, cancellationToken);

    public BrokerCounts Counts() => _main.Counts();

    public BrokerCounts DeadLetterCounts() => _deadLetter.Counts();

    private long NextSequenceNumber() => Interlocked.Increment(ref _sequence);
}
