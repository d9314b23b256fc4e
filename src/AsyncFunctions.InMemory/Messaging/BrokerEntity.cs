using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// One Service Bus entity (a queue or its dead-letter sub-queue) in process: FIFO by sequence
/// number, peek-lock with a lock duration, delivery count, scheduled enqueue, duplicate detection
/// on MessageId, and dead-lettering after MaxDeliveryCount.
/// </summary>
internal sealed class BrokerEntity
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<StoredMessage, long> _available = new();
    private readonly PriorityQueue<StoredMessage, DateTimeOffset> _scheduled = new();
    private readonly Dictionary<Guid, (StoredMessage Message, DateTimeOffset LockedUntil)> _locked = [];
    private readonly DuplicateWindow _duplicates;
    private readonly string _path;
    private readonly BrokerQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly BrokerEntity? _deadLetter;
    private readonly Func<long> _nextSequenceNumber;
    private TaskCompletionSource _changed = NewSignal();
    private int _duplicatesDropped;

    public BrokerEntity(string path, BrokerQueueOptions options, TimeProvider time, BrokerEntity? deadLetter, Func<long> nextSequenceNumber)
    {
        _path = path;
        _options = options;
        _time = time;
        _deadLetter = deadLetter;
        _nextSequenceNumber = nextSequenceNumber;
        _duplicates = new DuplicateWindow(options.DuplicateDetectionWindow);
    }

    public void Send(OutboundMessage message)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_duplicates.IsDuplicate(message.MessageId, now))
            {
                // Service Bus accepts the send and silently discards the copy.
                _duplicatesDropped++;
                return;
            }

            var enqueueAt = message.ScheduledEnqueueTime is { } at && at > now ? at : now;
            var stored = new StoredMessage(message, _nextSequenceNumber(), enqueueAt);
            if (enqueueAt > now)
                _scheduled.Enqueue(stored, enqueueAt);
            else
                _available.Enqueue(stored, stored.SequenceNumber);
            Signal();
        }
    }

    /// <summary>Moves an existing message here keeping its sequence number (dead-lettering does the same).</summary>
    public void Accept(StoredMessage message)
    {
        lock (_gate)
        {
            message.DeliveryCount = 0;
            _available.Enqueue(message, message.SequenceNumber);
            Signal();
        }
    }

    public async Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + maxWait;
        while (true)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                Maintain(now);
                if (_available.TryDequeue(out var message, out _))
                {
                    message.DeliveryCount++;
                    var token = Guid.NewGuid();
                    var lockedUntil = now + _options.LockDuration;
                    _locked[token] = (message, lockedUntil);
                    return new LockedMessage(this, message.ToInbound(), token, lockedUntil);
                }

                if (now >= deadline)
                    return null;
                changed = _changed.Task;
                wait = Min(deadline - now, NextWakeUp(now));
            }

            // Wake on a send or release, or when a scheduled message falls due or a lock expires.
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(wait, _time, delayCancel.Token);
            await Task.WhenAny(changed, delay).ConfigureAwait(false);
            await delayCancel.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task CompleteAsync(Guid lockToken)
    {
        lock (_gate)
            TakeLock(lockToken);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(Guid lockToken)
    {
        lock (_gate)
            Release(TakeLock(lockToken));
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(Guid lockToken, string reason, string description)
    {
        lock (_gate)
            MoveToDeadLetter(TakeLock(lockToken), reason, description);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset> RenewLockAsync(Guid lockToken)
    {
        lock (_gate)
        {
            var message = TakeLock(lockToken);
            var lockedUntil = _time.GetUtcNow() + _options.LockDuration;
            _locked[lockToken] = (message, lockedUntil);
            return Task.FromResult(lockedUntil);
        }
    }

    public BrokerCounts Counts()
    {
        lock (_gate)
        {
            Maintain(_time.GetUtcNow());
            return new BrokerCounts(_available.Count, _scheduled.Count, _locked.Count, _duplicatesDropped);
        }
    }

    /// <summary>Removes the lock, or throws lock-lost if it expired or was settled already.</summary>
    private StoredMessage TakeLock(Guid lockToken)
    {
        var now = _time.GetUtcNow();
        if (!_locked.Remove(lockToken, out var entry))
            throw new MessageLockLostException();
        if (entry.LockedUntil <= now)
        {
            Release(entry.Message);
            throw new MessageLockLostException();
        }

        return entry.Message;
    }

    private void Maintain(DateTimeOffset now)
    {
        while (_scheduled.TryPeek(out var due, out var at) && at <= now)
        {
            _scheduled.Dequeue();
            _available.Enqueue(due, due.SequenceNumber);
        }

        foreach (var (token, entry) in _locked.Where(l => l.Value.LockedUntil <= now).ToList())
        {
            _locked.Remove(token);
            Release(entry.Message);
        }
    }

    private void Release(StoredMessage message)
    {
        if (_deadLetter is not null && message.DeliveryCount >= _options.MaxDeliveryCount)
        {
            MoveToDeadLetter(message, DeadLetterReasons.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {_options.MaxDeliveryCount} delivery attempts.");
            return;
        }

        _available.Enqueue(message, message.SequenceNumber);
        Signal();
    }

    private void MoveToDeadLetter(StoredMessage message, string reason, string description)
    {
        if (_deadLetter is null)
            throw new InvalidOperationException($"{_path} is a dead-letter queue; it has no dead-letter queue of its own.");
        message.DeadLetterReason = reason;
        message.DeadLetterErrorDescription = description;
        message.DeadLetterSource = _path;
        _deadLetter.Accept(message);
    }

    private TimeSpan NextWakeUp(DateTimeOffset now)
    {
        var next = TimeSpan.MaxValue;
        if (_scheduled.TryPeek(out _, out var at))
            next = Min(next, at - now);
        foreach (var entry in _locked.Values)
            next = Min(next, entry.LockedUntil - now);
        return next < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : next;
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = NewSignal();
        previous.TrySetResult();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
