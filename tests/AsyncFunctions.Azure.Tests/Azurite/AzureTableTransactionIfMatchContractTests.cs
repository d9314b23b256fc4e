using AsyncFunctions.Azure.Tables;
using AsyncFunctions.Contracts;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>If-Match inside entity-group transactions, on <see cref="AzureTableStore"/> over Azurite 3.37, which enforces it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableTransactionIfMatchContractTests(AzuriteFixture azurite) : TableTransactionIfMatchContractTests
{
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(azurite.CreateStore());

    protected override Task CreateTableAsync(ITableStore store, string table) => azurite.CreateTableAsync(table);
}
