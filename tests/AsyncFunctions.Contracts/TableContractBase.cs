using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Contracts;

/// <summary>What every table contract suite needs from the store under test: an instance and a fresh, unique table.</summary>
public abstract class TableContractBase
{
    protected abstract Task<ITableStore> CreateStoreAsync();

    /// <summary>Hook for stores that need a table created before use; the in-memory store creates tables on first use.</summary>
    protected virtual Task CreateTableAsync(ITableStore store, string table) => Task.CompletedTask;

    protected async Task<(ITableStore Store, string Table)> FreshTableAsync()
    {
        var store = await CreateStoreAsync();
        var table = ContractTables.NewName();
        await CreateTableAsync(store, table);
        return (store, table);
    }
}
