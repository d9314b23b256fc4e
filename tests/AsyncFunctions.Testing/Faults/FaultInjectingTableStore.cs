using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Faults;

/// <summary>An <see cref="ITableStore"/> that fails, times out after applying, or crashes, as the plan says.</summary>
public sealed class FaultInjectingTableStore(ITableStore inner, FaultInjector faults) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        faults.RunAsync(() => inner.GetAsync(table, partitionKey, rowKey, cancellationToken));

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        faults.RunAsync(() => inner.AddAsync(table, row, cancellationToken));

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        faults.RunAsync(() => inner.UpdateAsync(table, row, ifMatch, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        faults.RunAsync(() => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        faults.RunAsync(async () =>
        {
            await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        faults.RunAsync(() => inner.SubmitTransactionAsync(table, actions, cancellationToken));

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var rows = await faults.RunAsync(async () =>
        {
            var page = new List<TableRow>();
            await foreach (var row in inner.QueryAsync(table, query, cancellationToken))
                page.Add(row);
            return page;
        });
        foreach (var row in rows)
            yield return row;
    }
}
