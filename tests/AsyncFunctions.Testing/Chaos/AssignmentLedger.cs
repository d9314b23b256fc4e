using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Persistence;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Testing.Chaos;

/// <summary>
/// Sits directly on the store and watches every write that was really applied: how many times each
/// order was moved to Assigned, and every driver version that was ever written over its capacity.
/// This is what proves "never assigned twice" — not the final state, which a bug could hide.
/// </summary>
public sealed class AssignmentLedger(ITableStore inner) : ITableStore
{
    private readonly ConcurrentDictionary<string, int> _assignments = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _overCapacity = [];
    private readonly ConcurrentQueue<string> _toDeliver = new();

    public IReadOnlyDictionary<string, int> Assignments => _assignments;

    public IReadOnlyCollection<string> OverCapacityWrites => _overCapacity;

    /// <summary>Orders assigned and not yet handed to a courier, in assignment order.</summary>
    public ConcurrentQueue<string> ToDeliver => _toDeliver;

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public async Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        var etag = await inner.AddAsync(table, row, cancellationToken);
        Observe(row);
        return etag;
    }

    public async Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default)
    {
        var etag = await inner.UpdateAsync(table, row, ifMatch, cancellationToken);
        Observe(row);
        return etag;
    }

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default)
    {
        var etag = await inner.UpsertAsync(table, row, cancellationToken);
        Observe(row);
        return etag;
    }

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        var etags = await inner.SubmitTransactionAsync(table, actions, cancellationToken);
        foreach (var action in actions.Where(a => a.Kind != TableActionKind.Delete))
            Observe(action.Row);
        return etags;
    }

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(table, query, cancellationToken);

    private void Observe(TableRow row)
    {
        if (row.RowKey.StartsWith(EntityKeys.OrderPrefix, StringComparison.Ordinal) && row.GetString("Status") == "Assigned")
        {
            _assignments.AddOrUpdate(row.GetString("OrderId")!, 1, (_, n) => n + 1);
            _toDeliver.Enqueue(row.GetString("OrderId")!);
        }

        if (row.RowKey.StartsWith(EntityKeys.DriverPrefix, StringComparison.Ordinal) && row.GetInt("ActiveOrders") > row.GetInt("Capacity"))
            _overCapacity.Add($"{row.PartitionKey}/{row.RowKey}: {row.GetInt("ActiveOrders")} active > capacity {row.GetInt("Capacity")}");
    }
}
