using AsyncFunctions.Testing.RabbitMq;

namespace AsyncFunctions.RabbitMq.Tests;

/// <summary>One RabbitMQ node for every test class here; each test declares queues of its own.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMQ";
}
