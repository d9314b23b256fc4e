using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.InMemory.Storage;

/// <summary>
/// Table Storage semantics in process: every write gets a fresh ETag, conditional writes answer
/// 404/409/412 exactly as the service does, and transactions are all-or-nothing. Tables are
/// created on first use (the Azure adapter creates them at start-up).
/// </summary>
public sealed class InMemoryTableStore : ITableStore
{
    private readonly ConcurrentDictionary<string, TableData> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private long _etagCounter;

    public InMemoryTableStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        var data = Table(table);
        lock (data.Gate)
            return Task.FromResult(data.Find(partitionKey, rowKey));
    }

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        Single(table, TableAction.Add(row));

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        Single(table, TableAction.Update(row, ifMatch));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        Single(table, TableAction.Upsert(row));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        Single(table, TableAction.Delete(new TableRow(partitionKey, rowKey, EmptyProperties), ifMatch));

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default)
    {
        TableRules.CheckTransaction(actions);
        var data = Table(table);
        lock (data.Gate)
        {
            // Check every action against the current state first, so that nothing applies unless all do.
            for (var i = 0; i < actions.Count; i++)
                Check(data, actions[i], i);

            var etags = new string[actions.Count];
            for (var i = 0; i < actions.Count; i++)
                etags[i] = Apply(data, actions[i]);
            return Task.FromResult<IReadOnlyList<string>>(etags);
        }
    }

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var data = Table(table);
        List<TableRow> page;
        long passedOver = 0;
        lock (data.Gate)
        {
            page = [.. data.Scan(query)
                .Select(r => { passedOver++; return r; })
                .Where(r => query.Conditions.All(c => ConditionEvaluator.Matches(r, c)))
                .Take(query.Take ?? int.MaxValue)];
        }

        // What Table Storage would have read: every row the range visited, also those the filter dropped.
        EntitiesReadTally.Report(passedOver);

        foreach (var row in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private Task<string> Single(string table, TableAction action)
    {
        TableRules.CheckRow(action.Row);
        var data = Table(table);
        lock (data.Gate)
        {
            Check(data, action, index: null);
            return Task.FromResult(Apply(data, action));
        }
    }

    private static void Check(TableData data, TableAction action, int? index)
    {
        var current = data.Find(action.Row.PartitionKey, action.Row.RowKey);
        var exists = current is not null;
        var what = $"{action.Row.PartitionKey}/{action.Row.RowKey}";
        switch (action.Kind)
        {
            case TableActionKind.Add when exists:
                throw new TableStorageException(TableErrorKind.AlreadyExists, $"Entity {what} already exists.", index);
            case TableActionKind.UpdateReplace or TableActionKind.Delete when !exists:
                throw new TableStorageException(TableErrorKind.NotFound, $"Entity {what} does not exist.", index);
            case TableActionKind.UpdateReplace or TableActionKind.Delete when !ETagMatches(action.IfMatch, current!.ETag):
                throw new TableStorageException(TableErrorKind.PreconditionFailed, $"Entity {what} changed since it was read (ETag mismatch).", index);
        }
    }

    private static bool ETagMatches(string? ifMatch, string current) => ifMatch is "*" || ifMatch == current;

    private string Apply(TableData data, TableAction action)
    {
        if (action.Kind == TableActionKind.Delete)
        {
            data.Remove(action.Row.PartitionKey, action.Row.RowKey);
            return string.Empty;
        }

        var etag = $"W/\"{Interlocked.Increment(ref _etagCounter)}\"";
        // Copy the property bag so a caller mutating its dictionary later cannot change stored state.
        var stored = action.Row with
        {
            Properties = new Dictionary<string, object?>(action.Row.Properties, StringComparer.Ordinal),
            ETag = etag,
            Timestamp = _time.GetUtcNow(),
        };
        data.Put(stored);
        return etag;
    }

    private TableData Table(string name) => _tables.GetOrAdd(name, _ => new TableData());

    private static readonly IReadOnlyDictionary<string, object?> EmptyProperties = new Dictionary<string, object?>();

    /// <summary>Partitions keyed by PartitionKey, rows kept sorted by RowKey so range queries seek instead of scanning.</summary>
    private sealed class TableData
    {
        private readonly SortedDictionary<string, SortedList<string, TableRow>> _partitions = new(StringComparer.Ordinal);

        public Lock Gate { get; } = new();

        public TableRow? Find(string partitionKey, string rowKey) =>
            _partitions.TryGetValue(partitionKey, out var rows) ? rows.GetValueOrDefault(rowKey) : null;

        public void Put(TableRow row)
        {
            if (!_partitions.TryGetValue(row.PartitionKey, out var rows))
                _partitions[row.PartitionKey] = rows = new SortedList<string, TableRow>(StringComparer.Ordinal);
            rows[row.RowKey] = row;
        }

        public void Remove(string partitionKey, string rowKey)
        {
            if (_partitions.TryGetValue(partitionKey, out var rows))
                rows.Remove(rowKey);
        }

        public IEnumerable<TableRow> Scan(TableQuery query)
        {
            IEnumerable<SortedList<string, TableRow>> partitions = query.PartitionKey is { } pk
                ? _partitions.TryGetValue(pk, out var one) ? [one] : []
                : _partitions.Values;
            foreach (var rows in partitions)
            {
                var start = query.RowKeyFrom is { } from ? LowerBound(rows.Keys, from) : 0;
                for (var i = start; i < rows.Count; i++)
                {
                    if (query.RowKeyTo is { } to && string.CompareOrdinal(rows.Keys[i], to) >= 0)
                        break;
                    yield return rows.Values[i];
                }
            }
        }

        private static int LowerBound(IList<string> keys, string value)
        {
            int low = 0, high = keys.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (string.CompareOrdinal(keys[mid], value) < 0)
                    low = mid + 1;
                else
                    high = mid;
            }

            return low;
        }
    }
}
