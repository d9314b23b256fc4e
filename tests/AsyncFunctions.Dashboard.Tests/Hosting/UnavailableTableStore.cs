using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Dashboard.Tests.Hosting;

/// <summary>Storage that is down: every call fails as a throttled or unreachable Table service would (transient).</summary>
public sealed class UnavailableTableStore : ITableStore
{
    private static TableStorageException Down() => new(TableErrorKind.Transient, "Storage is down (test).");

    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) => throw Down();

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) => throw Down();

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) => throw Down();

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) => throw Down();

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) => throw Down();

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) => throw Down();

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default) => throw Down();
}
