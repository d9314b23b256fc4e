using System.Collections.Concurrent;
using AsyncFunctions.Core.Storage;
using AsyncFunctions.Azure.Tables;
using Azure.Data.Tables;

namespace AsyncFunctions.Azure.Tests.Azurite;

/// <summary>
/// The real <see cref="AzureTableStore"/>, with every table name the test uses mapped to a fresh
/// table (created on first use), so tests sharing one Azurite never see each other's rows.
/// </summary>
internal sealed class TablePerTestStore(TableServiceClient service) : ITableStore
{
    private readonly AzureTableStore _inner = new(service);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public async Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        await _inner.GetAsync(await Fresh(table), partitionKey, rowKey, cancellationToken);

    public async Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        await _inner.AddAsync(await Fresh(table), row, cancellationToken);

    public async Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        await _inner.UpdateAsync(await Fresh(table), row, ifMatch, cancellationToken);

    public async Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        await _inner.UpsertAsync(await Fresh(table), row, cancellationToken);

    public async Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        await _inner.DeleteAsync(await Fresh(table), partitionKey, rowKey, ifMatch, cancellationToken);

    public async Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        await _inner.SubmitTransactionAsync(await Fresh(table), actions, cancellationToken);

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in _inner.QueryAsync(await Fresh(table), query, cancellationToken))
            yield return row;
    }

    private Task<string> Fresh(string table) => _tables.GetOrAdd(table, _ => new Lazy<Task<string>>(async () =>
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await service.CreateTableIfNotExistsAsync(name);
        return name;
    })).Value;
}
