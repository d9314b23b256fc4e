using AsyncFunctions.Core.Handling;
using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>
/// One Service Bus entity (a queue or its dead-letter sub-queue) in process: FIFO by sequence
/// number, peek-lock with a lock duration, delivery count, scheduled enqueue, duplicate detection
/// on MessageId, and dead-lettering after MaxDeliveryCount. A session-enabled queue
/// (<see cref="BrokerQueueOptions.RequiresSession"/>) refuses a message without a SessionId and hands
/// each session to one <see cref="SessionHolder"/> at a time (<see cref="SessionTable"/>).
/// </summary>
internal sealed class BrokerEntity
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<StoredMessage, long> _available = new();
    private readonly PriorityQueue<StoredMessage, DateTimeOffset> _scheduled = new();
    private readonly Dictionary<Guid, (StoredMessage Message, DateTimeOffset LockedUntil)> _locked = [];
    private readonly SessionTable? _sessions;
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
        // A dead-letter sub-queue has no sessions, whatever its queue has (deadLetter is null for it).
        if (options.RequiresSession && deadLetter is not null)
            _sessions = new SessionTable(options.LockDuration);
    }

    public bool RequiresSession => _sessions is not null;

    public void Send(OutboundMessage message)
    {
        if (_sessions is not null && string.IsNullOrEmpty(message.SessionId))
        {
            // Service Bus refuses the send itself, so nothing reaches the queue.
            throw new InvalidOperationException(
                $"The SessionId was not set on message '{message.MessageId}': {_path} is session-enabled and accepts only messages with a SessionId (the order's zone).");
        }

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
                MakeAvailable(stored);
            Signal();
        }
    }

    /// <summary>Moves an existing message here keeping its sequence number (dead-lettering does the same).</summary>
    public void Accept(StoredMessage message)
    {
        lock (_gate)
        {
            message.DeliveryCount = 0;
            MakeAvailable(message);
            Signal();
        }
    }

    public async Task<LockedMessage?> ReceiveAsync(TimeSpan maxWait, SessionHolder? holder, CancellationToken cancellationToken)
    {
        if (_sessions is not null && holder is null)
            throw new InvalidOperationException($"{_path} is session-enabled: receive through a SessionHolder, as a session processor does.");
        var deadline = _time.GetUtcNow() + maxWait;
        while (true)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                Maintain(now);
                if (TakeAvailable(holder, now) is { } message)
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
        {
            TakeLock(lockToken);
            // A settled call frees a place in its session for the holder's next receive.
            if (_sessions is not null)
                Signal();
        }

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
        {
            MoveToDeadLetter(TakeLock(lockToken), reason, description);
            if (_sessions is not null)
                Signal();
        }

        return Task.CompletedTask;
    }

    public Task<DateTimeOffset> RenewLockAsync(Guid lockToken)
    {
        lock (_gate)
        {
            if (!_locked.TryGetValue(lockToken, out var entry) || entry.LockedUntil <= _time.GetUtcNow())
            {
                // Not held or expired: TakeLock hands an expired message back (its session call settled) and throws lock-lost.
                TakeLock(lockToken);
                throw new MessageLockLostException();
            }

            var now = _time.GetUtcNow();
            var lockedUntil = now + _options.LockDuration;
            _locked[lockToken] = (entry.Message, lockedUntil);
            if (entry.Message.Sent.SessionId is { } session)
                _sessions?.Touch(session, now);
            return Task.FromResult(lockedUntil);
        }
    }

    public BrokerCounts Counts()
    {
        lock (_gate)
        {
            Maintain(_time.GetUtcNow());
            return new BrokerCounts(_available.Count + (_sessions?.AvailableCount ?? 0), _scheduled.Count, _locked.Count, _duplicatesDropped);
        }
    }

    /// <summary>The sessions <paramref name="holder"/> holds now.</summary>
    public IReadOnlyList<string> SessionsHeldBy(SessionHolder holder)
    {
        lock (_gate)
            return _sessions?.HeldBy(holder, _time.GetUtcNow()) ?? [];
    }

    /// <summary>Removes the lock, or throws lock-lost if it expired or was settled already.</summary>
    private StoredMessage TakeLock(Guid lockToken)
    {
        var now = _time.GetUtcNow();
        if (!_locked.Remove(lockToken, out var entry))
            throw new MessageLockLostException();
        if (entry.Message.Sent.SessionId is { } session)
            _sessions?.Settled(session, now, byHolder: entry.LockedUntil > now);
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
            MakeAvailable(due);
        }

        foreach (var (token, entry) in _locked.Where(l => l.Value.LockedUntil <= now).ToList())
        {
            _locked.Remove(token);
            if (entry.Message.Sent.SessionId is { } session)
                _sessions?.Settled(session, now, byHolder: false);
            Release(entry.Message);
        }
    }

    private void MakeAvailable(StoredMessage message)
    {
        if (_sessions is not null)
            _sessions.Enqueue(message);
        else
            _available.Enqueue(message, message.SequenceNumber);
    }

    private StoredMessage? TakeAvailable(SessionHolder? holder, DateTimeOffset now)
    {
        if (_sessions is not null)
            return _sessions.TryTake(holder!, now);
        return _available.TryDequeue(out var message, out _) ? message : null;
    }

    private void Release(StoredMessage message)
    {
        if (_deadLetter is not null && message.DeliveryCount >= _options.MaxDeliveryCount)
        {
            MoveToDeadLetter(message, DeadLetterReasons.MaxDeliveryCountExceeded,
                $"Message could not be consumed after {_options.MaxDeliveryCount} delivery attempts.");
            return;
        }

        MakeAvailable(message);
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
        // A receiver waiting for a session wakes when a held one is let go.
        if (_sessions?.NextLetGo(now) is { } letGo)
            next = Min(next, letGo);
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
