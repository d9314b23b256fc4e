using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Tests.Support;

/// <summary>
/// A decorator that forces faults into the table port: a one-shot exception on a chosen call, or a
/// hook that runs just before a transaction (to change state between an engine's read and its commit),
/// or an outage in which every call fails.
/// </summary>
public sealed class FaultyTableStore(ITableStore inner) : ITableStore
{
    private readonly List<(string Operation, Func<string, TableRow?, bool> Matches, Exception Fault)> _faults = [];

    public ITableStore Inner => inner;

    /// <summary>Runs once, before the next transaction reaches the store.</summary>
    public Func<ITableStore, IReadOnlyList<TableAction>, Task>? BeforeNextTransaction { get; set; }

    public int Transactions { get; private set; }

    /// <summary>While true every call fails transiently, as in a storage outage; <see cref="Calls"/> counts them.</summary>
    public bool Down { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    private int _calls;

    /// <summary>The next call of <paramref name="operation"/> (get, add, update, upsert, delete, transaction) that matches throws, once.</summary>
    public void FailOnce(string operation, Func<string, TableRow?, bool>? when = null, Exception? fault = null)
    {
        lock (_faults)
            _faults.Add((operation, when ?? ((_, _) => true), fault ?? new TableStorageException(TableErrorKind.Transient, $"Injected {operation} failure.")));
    }

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        Throw("get", table, new TableRow(partitionKey, rowKey, new Dictionary<string, object?>()));
        return inner.GetAsync(table, partitionKey, rowKey, cancellationToken);
    }

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        Throw("add", table, row);
        return inner.AddAsync(table, row, cancellationToken);
    }

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        Throw("update", table, row);
        return inner.UpdateAsync(table, row, ifMatch, cancellationToken);
    }

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        Throw("upsert", table, row);
        return inner.UpsertAsync(table, row, cancellationToken);
    }

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default)
    {
        Throw("delete", table, new TableRow(partitionKey, rowKey, new Dictionary<string, object?>()));
        return inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        // An order write carries its pending-index and event rows in a transaction; the seam names it by the write it is,
        // so "fail the order's update" means the same whether or not its index moved.
        if (IsIndexedSingleWrite(actions))
        {
            Throw(actions[0].Kind == TableActionKind.Add ? "add" : "update", table, actions[0].Row);
            return await inner.SubmitTransactionAsync(table, actions, cancellationToken);
        }

        Transactions++;
        if (BeforeNextTransaction is { } hook)
        {
            BeforeNextTransaction = null;
            await hook(inner, actions);
        }

        Throw("transaction", table, actions.Count > 0 ? actions[0].Row : null);
        return await inner.SubmitTransactionAsync(table, actions, cancellationToken);
    }

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default)
    {
        Throw("query", table, null);
        return inner.QueryAsync(table, query, cancellationToken);
    }

    private static bool IsIndexedSingleWrite(IReadOnlyList<TableAction> actions) =>
        actions.Count > 0 && actions[0].Kind is TableActionKind.Add or TableActionKind.UpdateReplace
        && actions.Skip(1).All(a => PendingIndexCheck.IsIndexRow(a.Row.RowKey) || AsyncFunctions.Core.Events.EventKeys.IsEventRow(a.Row.RowKey));

    private void Throw(string operation, string table, TableRow? row)
    {
        Interlocked.Increment(ref _calls);
        if (Down)
            throw new TableStorageException(TableErrorKind.Transient, $"Injected outage: {operation} on {table} failed (503 Server Busy).");
        lock (_faults)
        {
            var index = _faults.FindIndex(f => f.Operation == operation && f.Matches(table, row));
            if (index < 0)
                return;
            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            throw fault;
        }
    }
}
