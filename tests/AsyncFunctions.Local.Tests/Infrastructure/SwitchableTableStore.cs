using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Local.Tests.Infrastructure;

/// <summary>The host's in-memory store with an outage switch: while <see cref="Down"/>, every call fails as a 503 would.</summary>
public sealed class SwitchableTableStore(ITableStore inner) : ITableStore
{
    private int _calls;

    public bool Down { get; set; }

    /// <summary>Calls that reached the store (an open breaker keeps them from getting here).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        Guard(() => inner.GetAsync(table, partitionKey, rowKey, cancellationToken));

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        Guard(() => inner.AddAsync(table, row, cancellationToken));

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        Guard(() => inner.UpdateAsync(table, row, ifMatch, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        Guard(() => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        Guard(() => inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken));

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        Guard(() => inner.SubmitTransactionAsync(table, actions, cancellationToken));

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default)
    {
        Check();
        return inner.QueryAsync(table, query, cancellationToken);
    }

    private T Guard<T>(Func<T> call)
    {
        Check();
        return call();
    }

    private void Check()
    {
        Interlocked.Increment(ref _calls);
        if (Down)
            throw new TableStorageException(TableErrorKind.Transient, "Injected outage (503 Server Busy).");
    }
}
