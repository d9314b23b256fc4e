using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.InMemory.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AsyncFunctions.BadInput.Tests.Support;

/// <summary>Reads the host's in-memory store directly: what a refused input must not have left behind.</summary>
public sealed class StoreProbe(IServiceProvider services)
{
    private readonly InMemoryTableStore _store = services.GetRequiredService<InMemoryTableStore>();
    private readonly TableNames _names = new();

    /// <summary>Directory entries plus order and driver entities: the things intake and registration write.</summary>
    public async Task<int> EntityCountAsync()
    {
        var count = 0;
        await foreach (var _ in _store.QueryAsync(_names.DirectoryTable, new TableQuery()))
            count++;
        await foreach (var row in _store.QueryAsync(_names.DispatchTable, new TableQuery()))
        {
            if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal) || row.RowKey.StartsWith(EntityKeys.DriverPrefix, StringComparison.Ordinal))
                count++;
        }

        return count;
    }

    public async Task<bool> OrderExistsAsync(string orderId)
    {
        if (await _store.GetAsync(_names.DirectoryTable, orderId, EntityKeys.DirectoryOrderRow) is not null)
            return true;
        await foreach (var row in _store.QueryAsync(_names.DispatchTable, new TableQuery()))
        {
            if (row.RowKey == EntityKeys.OrderRow(orderId))
                return true;
        }

        return false;
    }
}
