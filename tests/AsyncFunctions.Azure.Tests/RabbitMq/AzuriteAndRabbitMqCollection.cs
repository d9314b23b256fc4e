using AsyncFunctions.Azure.Tests.Azurite;
using AsyncFunctions.Testing.RabbitMq;

namespace AsyncFunctions.Azure.Tests.RabbitMq;

/// <summary>The local host on real components: one Azurite and one RabbitMQ node for every test class here.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteAndRabbitMqCollection : ICollectionFixture<AzuriteFixture>, ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "Azurite and RabbitMQ";
}
