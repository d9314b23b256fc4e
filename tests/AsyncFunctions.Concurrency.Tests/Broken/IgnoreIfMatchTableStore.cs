using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Concurrency.Tests.Broken;

/// <summary>
/// Broken variant (a): a store that ignores If-Match, so every conditional update, delete and
/// transaction action succeeds whatever changed since the read. Lives in the test, so production code gets no hook.
/// </summary>
public sealed class IgnoreIfMatchTableStore(ITableStore inner) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        inner.GetAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        inner.AddAsync(table, row, cancellationToken);

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(table, row, "*", cancellationToken);

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        inner.UpsertAsync(table, row, cancellationToken);

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(table, partitionKey, rowKey, "*", cancellationToken);

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        inner.SubmitTransactionAsync(table, [.. actions.Select(DropCondition)], cancellationToken);

    public IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(table, query, cancellationToken);

    private static TableAction DropCondition(TableAction action) => action.Kind switch
    {
        TableActionKind.UpdateReplace => TableAction.Update(action.Row, "*"),
        TableActionKind.Delete => TableAction.Delete(action.Row, "*"),
        _ => action,
    };
}
