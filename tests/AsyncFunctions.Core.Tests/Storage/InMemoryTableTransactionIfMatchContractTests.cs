using AsyncFunctions.Contracts;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;

namespace AsyncFunctions.Core.Tests.Storage;

/// <summary>If-Match inside transactions, which the in-process store enforces like the real service.</summary>
public sealed class InMemoryTableTransactionIfMatchContractTests : TableTransactionIfMatchContractTests
{
    protected override Task<ITableStore> CreateStoreAsync() => Task.FromResult<ITableStore>(new InMemoryTableStore());
}
