using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>
/// Counts every table round-trip (a query counts once per call, like its first page), the entities each call
/// read or passed over, and the queries that scan (no partition, or a property filter inside one).
/// </summary>
public sealed class MeteredTableStore(ITableStore inner, DispatchMetrics metrics) : ITableStore
{
    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        metrics.StorageOperation("get");
        var row = await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
        if (row is not null)
            metrics.EntitiesRead("get", 1);
        return row;
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
        ArgumentNullException.ThrowIfNull(query);
        metrics.StorageOperation("query");
        if (query.PartitionKey is null)
            metrics.Scan(DispatchMetrics.CrossPartitionScan);
        else if (query.Conditions.Count > 0)
            metrics.Scan(DispatchMetrics.FilteredPartitionScan);
        return CountReadsAsync(table, query, cancellationToken);
    }

    private async IAsyncEnumerable<TableRow> CountReadsAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Opened inside the iterator, so the tally belongs to this enumeration and never leaks to the caller's flow.
        var tally = EntitiesReadTally.Open();
        long returned = 0;
        try
        {
            await foreach (var row in inner.QueryAsync(table, query, cancellationToken).ConfigureAwait(false))
            {
                returned++;
                yield return row;
            }
        }
        finally
        {
            // A store that cannot tell what it passed over (Azure) is billed at least what it returned.
            metrics.EntitiesRead("query", tally.Reported ? Math.Max(tally.Count, returned) : returned);
        }
    }
}
