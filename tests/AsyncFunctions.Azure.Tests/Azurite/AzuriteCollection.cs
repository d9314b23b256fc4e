namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>One Azurite process for every test class that needs it.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
