using AsyncFunctions.Core.Messaging;

namespace AsyncFunctions.Contracts.Messaging;

/// <summary>One fresh orders queue (and its dead-letter queue) of the implementation under test.</summary>
public interface IQueueUnderTest : IAsyncDisposable
{
    IMessagePublisher Publisher { get; }

    Task<ReceivedMessage?> ReceiveAsync(TimeSpan maxWait);

    Task<ReceivedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait);
}

/// <summary>A peek-locked delivery: the message and its settlement.</summary>
public sealed record ReceivedMessage(InboundMessage Message, IMessageSettlement Settlement);

/// <summary>The queue properties a test asks for; an implementation without locks ignores the lock duration.</summary>
public sealed record QueueShape(int MaxDeliveryCount, TimeSpan LockDuration);
