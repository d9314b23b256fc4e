using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Contracts;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>The core's table-store contract, run against <see cref="AzureTableStore"/> on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableStoreContractTests(AzuriteFixture azurite) : TableStoreContractTests
{
    // Azurite 3.37 enforces If-Match on update/merge/delete inside entity-group transactions (412 at
    // the failing index, whole batch rolled back), so the default (true) holds, as on the real service.
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(azurite.CreateStore());

    protected override Task CreateTableAsync(ITableStore store, string table) => azurite.CreateTableAsync(table);
}
