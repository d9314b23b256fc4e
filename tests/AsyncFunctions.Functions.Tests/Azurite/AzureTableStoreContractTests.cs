using AsyncFunctions.Contracts;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Functions.Tests.Azurite;

/// <summary>The core's table-store contract, run against <see cref="AsyncFunctions.Functions.Adapters.AzureTableStore"/> on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreContractTests(AzuriteFixture azurite) : TableStoreContractTests
{
    // Azurite applies update/delete actions inside an entity-group transaction even when their
    // If-Match is stale (Azure/Azurite#1233, open), so those cases are skipped rather than passed.
    protected override bool EnforcesIfMatchInTransactions => false;

    protected override Task<ITableStore> CreateStoreAsync() =>
        Task.FromResult<ITableStore>(new TablePerTestStore(azurite.CreateServiceClient()));
}
