using AsyncFunctions.Contracts.Messaging;
using AsyncFunctions.InMemory.Messaging;

namespace AsyncFunctions.Core.Tests.Messaging;

/// <summary>The messaging contract on the in-process broker, which copies Service Bus (locks expire, duplicates are detected).</summary>
public sealed class InMemoryQueueMessagingContractTests : MessagingContractTests
{
    protected override MessagingDifferences Differences => MessagingDifferences.ServiceBus;

    protected override Task<IQueueUnderTest> CreateQueueAsync(QueueShape shape) =>
        Task.FromResult<IQueueUnderTest>(new InMemoryQueueUnderTest(new InMemoryQueue("orders", new BrokerQueueOptions
        {
            LockDuration = shape.LockDuration,
            MaxDeliveryCount = shape.MaxDeliveryCount,
        })));

    private sealed class InMemoryQueueUnderTest(InMemoryQueue queue) : IQueueUnderTest
    {
        public Core.Messaging.IMessagePublisher Publisher => queue;

        public async Task<ReceivedMessage?> ReceiveAsync(TimeSpan maxWait) =>
            await queue.ReceiveAsync(maxWait) is { } locked ? new ReceivedMessage(locked.Message, locked) : null;

        public async Task<ReceivedMessage?> ReceiveDeadLetterAsync(TimeSpan maxWait) =>
            await queue.ReceiveDeadLetterAsync(maxWait) is { } locked ? new ReceivedMessage(locked.Message, locked) : null;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
