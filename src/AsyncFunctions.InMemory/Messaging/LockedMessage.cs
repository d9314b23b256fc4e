using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.InMemory.Messaging;

/// <summary>A peek-locked delivery: the message and the settlement actions bound to its lock token.</summary>
public sealed class LockedMessage : IMessageSettlement
{
    private readonly BrokerEntity _entity;

    internal LockedMessage(BrokerEntity entity, InboundMessage message, Guid lockToken, DateTimeOffset lockedUntil)
    {
        _entity = entity;
        Message = message;
        LockToken = lockToken;
        LockedUntil = lockedUntil;
    }

    public InboundMessage Message { get; }

    public Guid LockToken { get; }

    public DateTimeOffset LockedUntil { get; private set; }

    public Task CompleteAsync(CancellationToken cancellationToken = default) => _entity.CompleteAsync(LockToken);

    public Task AbandonAsync(CancellationToken cancellationToken = default) => _entity.AbandonAsync(LockToken);

    public Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken = default) =>
        _entity.DeadLetterAsync(LockToken, reason, description);

    public async Task RenewLockAsync(CancellationToken cancellationToken = default) =>
        LockedUntil = await _entity.RenewLockAsync(LockToken);
}
