using AsyncFunctions.Contracts.Messaging;
using AsyncFunctions.Testing.RabbitMq;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>The messaging contract on a real RabbitMQ: no lock expiry while the channel lives (until the fixture's short consumer_timeout), no duplicate detection.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqMessagingContractTests(RabbitMqFixture rabbit) : MessagingContractTests
{
    protected override MessagingDifferences Differences => MessagingDifferences.RabbitMq with { ConsumerTimeout = RabbitMqFixture.ConsumerTimeout };

    protected override async Task<IQueueUnderTest> CreateQueueAsync(QueueShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return await RabbitMqQueueUnderTest.CreateAsync(rabbit.AmqpUri, shape.MaxDeliveryCount);
    }
}
