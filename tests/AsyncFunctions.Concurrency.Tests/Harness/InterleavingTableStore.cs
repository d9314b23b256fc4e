using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;
using Microsoft.Coyote.Runtime;

namespace AsyncFunctions.Concurrency.Tests.Harness;

/// <summary>
/// The in-memory store answers synchronously, so on its own it gives Coyote nothing to interleave.
/// Every call here is first a scheduling point: another task may run between any two storage calls,
/// as another instance may between two round-trips to Table Storage. Outside Coyote it is a no-op.
/// </summary>
public sealed class InterleavingTableStore(ITableStore inner) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.AddAsync(table, row, cancellationToken);
    }

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.UpdateAsync(table, row, ifMatch, cancellationToken);
    }

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.UpsertAsync(table, row, cancellationToken);
    }

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        return inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SchedulingPoint.Interleave();
        await foreach (var row in inner.QueryAsync(table, query, cancellationToken))
            yield return row;
    }
}
