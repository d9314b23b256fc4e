using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>Adds a delay to every storage call (cancellable, like a real network call), so work is still in flight when a test stops the host.</summary>
public sealed class SlowTableStore(ITableStore inner, TimeSpan delay) : ITableStore
{
    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public async Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.AddAsync(table, row, cancellationToken);
    }

    public async Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.UpdateAsync(table, row, ifMatch, cancellationToken);
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.UpsertAsync(table, row, cancellationToken);
    }

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        await foreach (var row in inner.QueryAsync(table, query, cancellationToken))
            yield return row;
    }
}
