using AsyncFunctions.Contracts;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>The table contract, run against the in-process store.</summary>
public sealed class InMemoryTableStoreContractTests : TableStoreContractTests
{
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(new InMemoryTableStore());
}
