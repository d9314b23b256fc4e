using System.Diagnostics;
using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;

namespace AsyncFunctions.Core.Diagnostics;

/// <summary>A client span per table round-trip, a child of whatever span made the call (intake, delivery, sweep).</summary>
public sealed class TracingTableStore(ITableStore inner) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        TraceAsync("get", table, () => inner.GetAsync(table, partitionKey, rowKey, cancellationToken));

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        TraceAsync("add", table, () => inner.AddAsync(table, row, cancellationToken));

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        TraceAsync("update", table, () => inner.UpdateAsync(table, row, ifMatch, cancellationToken));

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        TraceAsync("upsert", table, () => inner.UpsertAsync(table, row, cancellationToken));

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        TraceAsync("delete", table, async () =>
        {
            await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);
            return true;
        });

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        TraceAsync("transaction", table, () => inner.SubmitTransactionAsync(table, actions, cancellationToken));

    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = Start("query", table);
        await using var rows = inner.QueryAsync(table, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await rows.MoveNextAsync();
            }
            catch (Exception ex)
            {
                Fail(activity, ex);
                throw;
            }

            if (!more)
                yield break;
            yield return rows.Current;
        }
    }

    private static async Task<T> TraceAsync<T>(string operation, string table, Func<Task<T>> call)
    {
        using var activity = Start(operation, table);
        try
        {
            return await call();
        }
        catch (Exception ex)
        {
            Fail(activity, ex);
            throw;
        }
    }

    private static Activity? Start(string operation, string table)
    {
        var activity = DispatchTracing.Source.StartActivity($"{operation} {table}", ActivityKind.Client);
        activity?.SetTag(DispatchTags.DbSystem, "azure.tables");
        activity?.SetTag(DispatchTags.DbCollection, table);
        activity?.SetTag(DispatchTags.DbOperation, operation);
        return activity;
    }

    // A 404/409/412 is an answer the core expects (insert-if-absent, ETag checks), not a failed call: tag it, keep the status.
    private static void Fail(Activity? activity, Exception ex)
    {
        if (activity is null)
            return;
        if (ex is TableStorageException table)
        {
            activity.SetTag("error.type", table.Kind.ToString());
            if (table.Kind is TableErrorKind.Transient or TableErrorKind.BadRequest)
                activity.SetStatus(ActivityStatusCode.Error, table.Kind.ToString());
            return;
        }

        activity.SetTag("error.type", ex.GetType().Name);
        activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
    }
}
