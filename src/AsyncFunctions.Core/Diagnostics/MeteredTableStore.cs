using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>Counts every table round-trip (a query counts once per call, like its first page).</summary>
public sealed class MeteredTableStore(ITableStore inner, DispatchMetrics metrics) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("get");
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("add");
        return inner.AddAsync(table, row, cancellationToken);
    }

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("update");
        return inner.UpdateAsync(table, row, ifMatch, cancellationToken);
    }

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("upsert");
        return inner.UpsertAsync(table, row, cancellationToken);
    }

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("delete");
        return inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("transaction");
        return inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("query");
        return inner.QueryAsync(table, query, cancellationToken);
    }
}
