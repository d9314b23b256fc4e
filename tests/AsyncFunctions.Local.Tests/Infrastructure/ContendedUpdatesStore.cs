using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>The real store, except that every ETag-guarded update loses the race (412): contention that never ends.</summary>
public sealed class ContendedUpdatesStore(ITableStore inner) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        inner.AddAsync(table, row, cancellationToken);

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        throw new TableStorageException(TableErrorKind.PreconditionFailed, "Injected: the entity changed since it was read.");

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(table, row, cancellationToken);

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        inner.SubmitTransactionAsync(table, actions, cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(table, query, cancellationToken);
}
