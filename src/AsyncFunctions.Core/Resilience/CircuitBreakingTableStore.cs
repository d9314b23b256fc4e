using System.Runtime.CompilerServices;
using AsyncFunctions.Core.Storage;
using Polly.CircuitBreaker;

namespace AsyncFunctions.Core.Resilience;

/// <summary>
/// Runs every table call through the storage breaker. While it is open a call fails at once as a
/// transient <see cref="TableStorageException"/> (inner: Polly's BrokenCircuitException), so every
/// caller that already copes with a storage outage (503 at intake, reschedule in the consumers)
/// copes with an open breaker the same way, without a round-trip to a service that is down.
/// </summary>
public sealed class CircuitBreakingTableStore(ITableStore inner, DependencyCircuit circuit) : ITableStore
{
    public Task<TableRow?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        RunAsync(ct => inner.GetAsync(table, partitionKey, rowKey, ct), cancellationToken);

    public Task<string> AddAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        RunAsync(ct => inner.AddAsync(table, row, ct), cancellationToken);

    public Task<string> UpdateAsync(string table, TableRow row, string ifMatch, CancellationToken cancellationToken = default) =>
        RunAsync(ct => inner.UpdateAsync(table, row, ifMatch, ct), cancellationToken);

    public Task<string> UpsertAsync(string table, TableRow row, CancellationToken cancellationToken = default) =>
        RunAsync(ct => inner.UpsertAsync(table, row, ct), cancellationToken);

    public Task DeleteAsync(string table, string partitionKey, string rowKey, string ifMatch, CancellationToken cancellationToken = default) =>
        RunAsync(async ct =>
        {
            await inner.DeleteAsync(table, partitionKey, rowKey, ifMatch, ct);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> SubmitTransactionAsync(string table, IReadOnlyList<TableAction> actions, CancellationToken cancellationToken = default) =>
        RunAsync(ct => inner.SubmitTransactionAsync(table, actions, ct), cancellationToken);

    /// <summary>The first page goes through the breaker (that is the round-trip that finds an outage); the rest streams as before.</summary>
    public async IAsyncEnumerable<TableRow> QueryAsync(string table, TableQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IAsyncEnumerator<TableRow>? rows = null;
        try
        {
            var more = await RunAsync(async _ =>
            {
                rows = inner.QueryAsync(table, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
                return await rows.MoveNextAsync();
            }, cancellationToken);
            while (more)
            {
                yield return rows!.Current;
                more = await rows.MoveNextAsync();
            }
        }
        finally
        {
            if (rows is not null)
                await rows.DisposeAsync();
        }
    }

    private async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await circuit.ExecuteAsync(async ct => await call(ct), cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            throw new TableStorageException(TableErrorKind.Transient, $"Table storage is unavailable (circuit open): {open.Message}", innerException: open);
        }
    }
}
